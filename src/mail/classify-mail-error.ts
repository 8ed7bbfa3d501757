import { MailPermanentError, MailTemporaryError } from './mail-errors.js';

/**
 * Nodemailer codes that no retry of the same message can fix: bad or missing credentials, a bad configuration,
 * too many recipients, a blocked file/URL attachment. (`EENVELOPE` is only permanent when the server said 5xx, and
 * then the reply code decides; without a reply code it means the message had no usable sender or recipient.)
 */
const PERMANENT_CODES = new Set([
  'EAUTH',
  'ENOAUTH',
  'ECONFIG',
  'EMAXRECIPIENTS',
  'EFILEACCESS',
  'EURLACCESS',
  'EENVELOPE',
]);

interface NodemailerLikeError {
  message?: unknown;
  code?: unknown;
  responseCode?: unknown;
}

/**
 * Maps any error from a send to {@link MailTemporaryError} or {@link MailPermanentError}.
 *
 * - An SMTP reply code decides first: 5xx is permanent, 4xx temporary. 503 ("bad sequence of commands") is the one
 *   5xx treated as temporary: it says the pooled session was in the wrong state, not that the message was refused,
 *   so the same message goes through on a fresh connection (nodemailer's `isPermanentResponseCode` agrees).
 * - Without a reply code, the nodemailer `code` decides: credentials/configuration/envelope codes are permanent;
 *   connection, socket, DNS, TLS and timeout codes are temporary.
 * - Anything else (a disk error writing the outbox, an unknown failure) is temporary: the retry budget bounds it,
 *   and giving up on an error we do not understand would drop the email.
 *
 * Already-classified errors are returned unchanged.
 */
export function classifyMailError(err: unknown): MailTemporaryError | MailPermanentError {
  if (err instanceof MailTemporaryError || err instanceof MailPermanentError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as NodemailerLikeError;
  const message = typeof e.message === 'string' ? e.message : String(err);
  const code = typeof e.code === 'string' ? e.code : null;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const permanent =
    responseCode !== null
      ? responseCode >= 500 && responseCode < 600 && responseCode !== 503
      : code !== null && PERMANENT_CODES.has(code);
  const Kind = permanent ? MailPermanentError : MailTemporaryError;
  return new Kind(`email send failed: ${message}`, code, responseCode, { cause: err });
}
