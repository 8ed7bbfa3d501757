/**
 * A webhook delivery failed in a way that may succeed later: connection refused or reset, DNS failure, timeout,
 * HTTP 5xx, 408, 425 or 429. The webhook worker lets BullMQ retry it with {@link webhookBackoffMs}.
 */
export class WebhookTemporaryError extends Error {
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
}
