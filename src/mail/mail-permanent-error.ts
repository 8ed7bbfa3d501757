import { MailSendError } from './mail-send-error.js';

/**
 * A send failed in a way that retrying the same message cannot fix: an SMTP 5xx reply (unknown mailbox, message
 * refused), rejected credentials, an invalid envelope. The email worker fails the job at once (BullMQ
 * `UnrecoverableError`) so it lands in the failed set for ops instead of burning retries.
 */
export class MailPermanentError extends MailSendError {}
