/**
 * A webhook delivery the endpoint refused in a way a retry will not change: HTTP 4xx other than 408, 425 and 429,
 * a redirect (not followed: the configured URL is wrong), or a bad URL or secret in the configuration. The webhook
 * worker fails the job at once (BullMQ `UnrecoverableError`).
 */
export class WebhookPermanentError extends Error {
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
