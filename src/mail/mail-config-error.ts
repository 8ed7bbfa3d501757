/** The mail transport setting is malformed. The message names the variable and never repeats credentials. */
export class MailConfigError extends Error {
  constructor(
    /** The setting at fault, e.g. `MAIL_TRANSPORT`. */
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
