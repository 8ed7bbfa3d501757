/**
 * A send failed in a way that may succeed later: an SMTP 4xx reply, a dropped or refused connection, a timeout, a
 * full outbox disk. The email worker lets BullMQ retry it with backoff.
 */
export class MailTemporaryError extends Error {
  constructor(
    message: string,
    /** Nodemailer's error code (`ECONNECTION`, `ETIMEDOUT`, `EENVELOPE`, …) or a Node errno code; null if none. */
    readonly code: string | null = null,
    /** The SMTP reply code (e.g. 451) when the server answered; null otherwise. */
    readonly responseCode: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
