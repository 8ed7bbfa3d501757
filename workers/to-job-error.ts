import { UnrecoverableError } from 'bullmq';
import { ZodError } from 'zod';
import { AppError, StaleStateError } from '../src/app/errors/index.js';

/**
 * Retry policy by error class, in one place: a bad payload or a business refusal will fail the same way on
 * every attempt, so it fails the job at once (UnrecoverableError); a lost race (StaleStateError) and
 * anything unexpected (DB or Redis down, deadlock) is retried with the queue's backoff.
 */
export function toJobError(err: unknown): Error {
  if (err instanceof StaleStateError) return err;
  if (err instanceof AppError || err instanceof ZodError) {
    const wrapped = new UnrecoverableError(err instanceof ZodError ? `invalid job payload: ${err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` : `${err.code}: ${err.message}`);
    return wrapped;
  }
  return err instanceof Error ? err : new Error(String(err));
}
