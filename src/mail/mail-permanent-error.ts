/**
 * A send failed in a way that retrying the same message cannot fix: an SMTP 5xx reply (unknown mailbox, message
 * refused), rejected credentials, an invalid envelope. The email worker fails the job at once (BullMQ
 * `UnrecoverableError`) so it lands in the failed set for ops instead of burning retries.
 */
export class MailPermanentError extends Error {
  constructor(
    message: string,
    /** Nodemailer's error code (`EENVELOPE`, `EAUTH`, …); null if none. */
    readonly code: string | null = null,
    /** The SMTP reply code (e.g. 550) when the server answered; null otherwise. */
    readonly responseCode: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
