import { UnrecoverableError } from 'bullmq';
import { ZodError } from 'zod';
import { AppError, StaleStateError } from '../src/app/errors/index.js';
import { EmailTemplateError, MailPermanentError } from '../src/mail/index.js';
import { WebhookPermanentError } from '../src/webhooks/index.js';

/**
 * Retry policy by error class, in one place: a bad payload, a business refusal, an SMTP 5xx, a webhook 4xx or a
 * permanent panel error will fail the same way on every attempt, so it fails the job at once (UnrecoverableError); a lost race (StaleStateError) and
 * anything unexpected (DB or Redis down, deadlock) is retried with the queue's backoff.
 */
export function toJobError(err: unknown): Error {
  if (err instanceof StaleStateError) return err;
  if (err instanceof ZodError) return new UnrecoverableError(`invalid job payload: ${err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (err instanceof AppError) return new UnrecoverableError(`${err.code}: ${err.message}`);
  // SMTP 5xx, a template that cannot render, an endpoint that refuses (4xx): the same on every attempt.
  if (err instanceof MailPermanentError || err instanceof EmailTemplateError || err instanceof WebhookPermanentError) return new UnrecoverableError(err.message);
  return err instanceof Error ? err : new Error(String(err));
}
