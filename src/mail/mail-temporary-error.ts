import { MailSendError } from './mail-send-error.js';

/**
 * A send failed in a way that may succeed later: an SMTP 4xx reply, a dropped or refused connection, a timeout, a
 * full outbox disk. The email worker lets BullMQ retry it with backoff.
 */
export class MailTemporaryError extends MailSendError {}
