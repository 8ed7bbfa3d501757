/**
 * What a failure says about trying again — the one retry model every error class of Upshift speaks (issue #12). Each
 * error carries its advice as `retry`; only the worker adapter (workers/bullmq-retry.ts) turns advice into BullMQ's
 * terms (UnrecoverableError, DelayedError, a backoff delay), and only src/queues/retry-policies.ts says how many
 * attempts a queue gets and how its delays grow.
 */
export type RetryAdvice =
  /** Permanent: the next attempt fails the same way (bad input, a business refusal, bad credentials). Fail now. */
  | { readonly kind: 'never' }
  /**
   * Transient: try again after the queue's backoff. `maxAttempts` lowers the queue's attempt budget for this failure
   * (an unparseable reply is worth a few tries, not twelve); `minDelayMs` is the least wait (a locked account, an
   * endpoint's Retry-After).
   */
  | { readonly kind: 'backoff'; readonly maxAttempts?: number; readonly minDelayMs?: number }
  /** Not a failure: come back in `delayMs` without using an attempt (a full panel server, an email another sender holds). */
  | { readonly kind: 'later'; readonly delayMs: number };

/** An error that says how to retry it. */
export interface Retryable {
  readonly retry: RetryAdvice;
}

/** Fail now. */
export const NEVER: RetryAdvice = Object.freeze({ kind: 'never' });

/** Back off and try again, within the queue's budget. */
export const BACKOFF: RetryAdvice = Object.freeze({ kind: 'backoff' });

/** The advice an error carries, or undefined when it carries none (a library's or a bug's error). */
export function retryAdviceOf(err: unknown): RetryAdvice | undefined {
  const retry = (err as Partial<Retryable> | null)?.retry;
  if (retry === null || typeof retry !== 'object') return undefined;
  return retry.kind === 'never' || retry.kind === 'backoff' || retry.kind === 'later' ? retry : undefined;
}
