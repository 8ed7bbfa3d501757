import { WebhookPermanentError } from './webhook-permanent-error.js';
import { WebhookTemporaryError } from './webhook-temporary-error.js';

/** What the webhook worker does with a failed delivery. */
export type WebhookRetryDecision = 'retry' | 'give-up';

/**
 * Suggested BullMQ `attempts` for webhook jobs: with the default backoff the 11 waits between 12 attempts add up to
 * about 3.4 hours before jitter (10 s, 20 s, 40 s … 42.7 min, then 1 h twice), enough to ride out a front-end deploy
 * or a short outage.
 */
export const WEBHOOK_DEFAULT_ATTEMPTS = 12;

/** Options for {@link webhookBackoffMs}. */
export interface WebhookBackoffOptions {
  /** Delay after the first failure, in milliseconds. Default 10 000. */
  baseMs?: number;
  /** Largest delay, in milliseconds; also caps a `Retry-After`. Default 3 600 000 (1 hour). */
  maxMs?: number;
  /** Fraction of the delay taken off at random (0 = none, 1 = anywhere down to 0), so retries spread out. Default 0.2. */
  jitter?: number;
  /** Random source in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/**
 * Delay before the next attempt: exponential (`baseMs * 2^(attemptsMade-1)`, capped at `maxMs`) minus up to
 * `jitter` of it at random; never less than the endpoint's `Retry-After` (itself capped at `maxMs`). Fits BullMQ's
 * worker option `settings.backoffStrategy: (attemptsMade, type, err) => webhookBackoffMs(attemptsMade, err)`.
 *
 * @param attemptsMade Attempts made so far, 1 after the first failure.
 */
export function webhookBackoffMs(attemptsMade: number, err?: unknown, opts: WebhookBackoffOptions = {}): number {
  const { baseMs = 10_000, maxMs = 3_600_000, jitter = 0.2, random = Math.random } = opts;
  const exponent = Math.max(0, Math.min(attemptsMade - 1, 40));
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  const delay = Math.floor(ceiling * (1 - jitter * random()));
  const retryAfter = err instanceof WebhookTemporaryError && err.retryAfterMs !== null ? Math.min(err.retryAfterMs, maxMs) : 0;
  return Math.max(delay, retryAfter);
}

/** `'give-up'` for {@link WebhookPermanentError} (throw BullMQ `UnrecoverableError`), `'retry'` for anything else. */
export function webhookRetryDecision(err: unknown): WebhookRetryDecision {
  return err instanceof WebhookPermanentError ? 'give-up' : 'retry';
}
