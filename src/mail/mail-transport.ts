import path from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { OutboxMailTransport } from './outbox-mail-transport.js';
import { SmtpMailTransport, type SmtpMailTransportOptions } from './smtp-mail-transport.js';

/** One rendered email, ready to send. */
export interface OutgoingMail {
  /** Sender, e.g. `Upshift <billing@example.test>` (config `MAIL_FROM`). */
  from: string;
  /** One recipient address. */
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers. `Auto-Submitted: auto-generated` is always added (RFC 3834: no auto-replies to it). */
  headers?: Record<string, string>;
  /**
   * The send's idempotency key (see `sendOnce`). When set, the Message-ID is derived from it, so a resend in the
   * crash window carries the same Message-ID (some MTAs and clients de-duplicate on it), and the outbox file is
   * named after it. Default: none (random Message-ID and file name).
   */
  key?: string;
}

/** Where a sent message went. */
export interface SentMail {
  /** The Message-ID header value, with angle brackets. */
  messageId: string;
  /** The `.eml` file written, for the outbox transport; absent for SMTP. */
  location?: string;
}

/** Sends emails. Errors are always `MailTemporaryError` or `MailPermanentError`. */
export interface MailTransport {
  send(msg: OutgoingMail): Promise<SentMail>;
  /** Checks the transport can work (SMTP: connects and greets; outbox: the folder is writable). Call it at start-up. */
  verify(): Promise<void>;
  /** Closes pooled connections; the transport is unusable afterwards. */
  close(): Promise<void>;
}

/** Options for {@link createMailTransport}. */
export interface CreateMailTransportOptions extends SmtpMailTransportOptions {
  /** Folder for `.eml` files when the spec is plain `outbox` (config `outboxDir`). Relative paths resolve against the working directory. */
  outboxDir: string;
}

/**
 * Builds the transport named by `MAIL_TRANSPORT`:
 * - `outbox` — write `.eml` files to `opts.outboxDir` (the default: a first run needs no mail server);
 * - `outbox:/some/dir` — write them to that folder instead;
 * - `smtp://user:pass@host:587` or `smtps://…:465` — one pooled nodemailer SMTP transport (reuse it for the
 *   process; call `close()` on shutdown). nodemailer query options such as `?maxConnections=2` are honoured.
 *
 * @throws ConfigError naming `MAIL_TRANSPORT` for anything else; the message never repeats credentials.
 */
export function createMailTransport(spec: string, opts: CreateMailTransportOptions): MailTransport {
  const value = spec.trim();
  if (value === 'outbox') return new OutboxMailTransport(path.resolve(opts.outboxDir));
  if (value.startsWith('outbox:')) {
    const dir = value.slice('outbox:'.length);
    if (dir === '')
      throw new ConfigError(
        'MAIL_TRANSPORT',
        "'outbox:' needs a folder after the colon, e.g. outbox:/var/spool/upshift",
      );
    return new OutboxMailTransport(path.resolve(dir));
  }
  if (/^smtps?:\/\//i.test(value)) {
    if (!URL.canParse(value) || new URL(value).hostname === '') {
      throw new ConfigError(
        'MAIL_TRANSPORT',
        'the SMTP URL is malformed or has no host, expected smtp://[user:pass@]host[:port]',
      );
    }
    return new SmtpMailTransport(value, opts);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  throw new ConfigError(
    'MAIL_TRANSPORT',
    `expected 'outbox', 'outbox:<folder>' or an smtp:// or smtps:// URL, got ${scheme ? `a '${scheme}:' value` : value === '' ? 'an empty value' : 'an unrecognised value'}`,
  );
}
