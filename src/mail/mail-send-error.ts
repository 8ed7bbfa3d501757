/** Base of the two ways a send can fail; the subclass says whether retrying can help. */
export abstract class MailSendError extends Error {
  constructor(
    message: string,
    /** Nodemailer's error code (`EENVELOPE`, `ECONNECTION`, `EAUTH`, …) or a Node errno code; null if none. */
    readonly code: string | null = null,
    /** The SMTP reply code (e.g. 451, 550) when the server answered; null otherwise. */
    readonly responseCode: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
