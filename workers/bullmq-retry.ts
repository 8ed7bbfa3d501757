import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { ZodError } from 'zod';
import { isLostDbConnection } from '../src/db/retryable-db-error.js';
import { BACKOFF, NEVER, retryAdviceOf, type RetryAdvice } from '../src/domain/retry-advice.js';
import { attemptBudget, backoffDelayMs, type RetryPolicy } from '../src/queues/retry-policies.js';

/**
 * The only place retry advice becomes BullMQ (issue #12): every error says how to retry it (src/domain/retry-advice.ts),
 * every queue says how many attempts and how long the waits (src/queues/retry-policies.ts); this maps the two onto
 * UnrecoverableError, DelayedError and the backoff strategy.
 */

/**
 * The advice for any thrown value: its own; never for an invalid job payload; back off with the queue's whole budget
 * for a lost database connection (an outage, not a bug); the queue's default for the rest.
 */
export function adviceFor(err: unknown): RetryAdvice | undefined {
  if (err instanceof ZodError) return NEVER; // a payload that does not fit its schema never will
  return retryAdviceOf(err) ?? (isLostDbConnection(err) ? BACKOFF : undefined);
}

/** What a failed attempt becomes: the error to throw to BullMQ, and whether the job is now failed for good. */
export interface FailedAttempt {
  error: Error;
  /** No further attempt will run: the job fails now (the processor's last chance to record it). */
  final: boolean;
}

/**
 * Maps a failed attempt of `job`: `later` moves the job to delayed without using an attempt (DelayedError);
 * `never`, or the last attempt of the failure's budget, fails it (UnrecoverableError, so BullMQ stops even when the
 * job's own `attempts` is higher); otherwise the error is rethrown for the backoff. The attempt count is read from the
 * job, never guessed.
 */
export async function failAttempt(
  err: unknown,
  job: Job,
  token: string | undefined,
  policy: RetryPolicy,
): Promise<FailedAttempt> {
  const error = err instanceof Error ? err : new Error(String(err));
  const advice = adviceFor(err);
  if (advice?.kind === 'later') {
    await job.moveToDelayed(Date.now() + advice.delayMs, token);
    return { error: new DelayedError(), final: false };
  }
  if (advice?.kind === 'never')
    return { error: new UnrecoverableError(`${error.name}: ${error.message}`), final: true };
  const attempt = job.attemptsMade + 1;
  const jobAttempts = job.opts?.attempts ?? 1;
  const budget = Math.min(jobAttempts, attemptBudget(policy, advice));
  if (attempt >= budget)
    return {
      error: attempt < jobAttempts ? new UnrecoverableError(`${error.name}: ${error.message}`) : error,
      final: true,
    };
  return { error, final: false };
}

/**
 * A BullMQ `settings.backoffStrategy` for a queue: the policy's jittered exponential delay after `attemptsMade`
 * attempts, at least the advice's `minDelayMs`; -1 (fail now) for an error that must not be retried.
 */
export function backoffStrategy(policy: RetryPolicy, random: () => number = Math.random) {
  return (attemptsMade: number, _type?: string, err?: Error): number => {
    const advice = adviceFor(err);
    if (advice?.kind === 'never') return -1;
    return backoffDelayMs(policy, attemptsMade, advice, random);
  };
}
