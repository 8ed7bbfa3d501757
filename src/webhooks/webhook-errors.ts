import { NEVER, type RetryAdvice, type Retryable } from '../domain/retry-advice.js';

/**
 * A webhook delivery the endpoint refused in a way a retry will not change: HTTP 4xx other than 408, 425 and 429,
 * a redirect (not followed: the configured URL is wrong), or a bad URL or secret in the configuration. Never retried.
 */
export class WebhookPermanentError extends Error implements Retryable {
  readonly retry = NEVER;

  constructor(
    message: string,
    /** The HTTP status when the endpoint answered; null for configuration errors. */
    readonly status: number | null,
  ) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * A webhook delivery failed in a way that may succeed later: connection refused or reset, DNS failure, timeout,
 * HTTP 5xx, 408, 425 or 429. Retried with the webhooks queue's backoff, never sooner than the endpoint's Retry-After.
 */
export class WebhookTemporaryError extends Error implements Retryable {
  constructor(
    message: string,
    /** The HTTP status when the endpoint answered; null for network errors and timeouts. */
    readonly status: number | null,
    /** The network error code (`ECONNREFUSED`, `ETIMEDOUT`, …); null when the endpoint answered. */
    readonly code: string | null,
    /** The endpoint's `Retry-After`, in milliseconds, when it sent one with a 429 or 503; null otherwise. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }

  get retry(): RetryAdvice {
    return this.retryAfterMs === null ? { kind: 'backoff' } : { kind: 'backoff', minDelayMs: this.retryAfterMs };
  }
}
