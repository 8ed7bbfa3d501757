import { createHash, randomUUID } from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import { MailPermanentError } from './mail-errors.js';
import type { OutgoingMail } from './mail-transport.js';

/** The domain part of the sender, for Message-IDs; `upshift.invalid` when the sender has none. */
function senderDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'upshift.invalid';
}

/** A Message-ID (with angle brackets) that is the same for every send under `key`, random without one. */
export function messageIdFor(from: string, key?: string): string {
  const local = key === undefined ? randomUUID() : createHash('sha256').update(key).digest('hex').slice(0, 40);
  return `<${local}.upshift@${senderDomain(from)}>`;
}

/**
 * Checks an {@link OutgoingMail} and turns it into nodemailer's message options; both transports build the same
 * bytes from it.
 *
 * @throws MailPermanentError naming the field when `from`, `to` or `subject` is empty or spans lines.
 */
export function toNodemailerMessage(msg: OutgoingMail): SendMailOptions {
  for (const field of ['from', 'to', 'subject'] as const) {
    const value: unknown = msg[field];
    if (typeof value !== 'string' || value.trim() === '' || /[\r\n]/.test(value)) {
      throw new MailPermanentError(`${field}: expected a non-empty single-line string`, 'EMESSAGE');
    }
  }
  return {
    from: msg.from,
    to: msg.to,
    subject: msg.subject,
    html: msg.html,
    text: msg.text,
    messageId: messageIdFor(msg.from, msg.key),
    headers: { 'Auto-Submitted': 'auto-generated', ...msg.headers },
  };
}
