import { createHash, randomUUID } from 'node:crypto';
import { access, constants, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { classifyMailError } from './classify-mail-error.js';
import { toNodemailerMessage } from './compose-mail.js';
import type { MailTransport, OutgoingMail, SentMail } from './mail-transport.js';

/** `email:upgrade-completed:12` → `email_upgrade-completed_12-<hash>.eml`; the hash keeps distinct keys distinct after character replacement. */
export function outboxFileName(key: string | undefined): string {
  if (key === undefined) return `${randomUUID()}.eml`;
  const safe = key.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120);
  return safe === key ? `${safe}.eml` : `${safe}-${createHash('sha256').update(key).digest('hex').slice(0, 10)}.eml`;
}

/**
 * Writes each message as an RFC 822 `.eml` file (CRLF line ends) into a folder instead of sending it. Any mail client
 * opens them; a first run needs no mail server. A file appears whole or not at all (written aside, then renamed), and
 * a resend under the same key replaces the file rather than adding a second one.
 */
export class OutboxMailTransport implements MailTransport {
  private readonly composer: Transporter<{ messageId: string; message: Buffer | NodeJS.ReadableStream }>;

  /** @param dir absolute folder for the `.eml` files; created on first use. */
  constructor(readonly dir: string) {
    this.composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  async send(msg: OutgoingMail): Promise<SentMail> {
    const message = toNodemailerMessage(msg);
    try {
      const info = await this.composer.sendMail(message);
      const location = path.join(this.dir, outboxFileName(msg.key));
      const partial = `${location}.${process.pid}.${randomUUID()}.tmp`;
      try {
        await writeFile(partial, info.message as Buffer);
      } catch (err) {
        // The folder is made when missing (first use, or removed since) — not checked before every message.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        await mkdir(this.dir, { recursive: true });
        await writeFile(partial, info.message as Buffer);
      }
      await rename(partial, location);
      return { messageId: info.messageId, location };
    } catch (err) {
      throw classifyMailError(err);
    }
  }

  async verify(): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true });
      await access(this.dir, constants.W_OK);
    } catch (err) {
      throw classifyMailError(err);
    }
  }

  async close(): Promise<void> {
    this.composer.close();
  }
}
