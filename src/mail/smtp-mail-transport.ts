import nodemailer, { type Transporter } from 'nodemailer';
import { classifyMailError } from './classify-mail-error.js';
import { toNodemailerMessage } from './compose-mail.js';
import type { MailTransport, OutgoingMail, SentMail } from './mail-transport.js';

/** Pool and timeout settings for {@link SmtpMailTransport}; query options in the URL override them. */
export interface SmtpMailTransportOptions {
  /** Open connections at most. Default 5. */
  maxConnections?: number;
  /** Messages per connection before it is replaced. Default 100. */
  maxMessages?: number;
  /** Milliseconds to wait for the TCP connection and for the server greeting. Default 10 000. */
  connectionTimeoutMs?: number;
  /** Milliseconds of socket inactivity before the send fails with ETIMEDOUT (temporary). Default 60 000. */
  socketTimeoutMs?: number;
}

/**
 * One pooled nodemailer SMTP transport. Retries are not done here: a failed send throws a classified error and the
 * BullMQ `emails` queue owns the retry schedule.
 */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;

  /** @param url `smtp://` or `smtps://` URL with optional `user:pass@` (URL-encoded) and nodemailer query options. */
  constructor(url: string, opts: SmtpMailTransportOptions = {}) {
    this.transporter = nodemailer.createTransport({
      pool: true,
      url,
      maxConnections: opts.maxConnections ?? 5,
      maxMessages: opts.maxMessages ?? 100,
      connectionTimeout: opts.connectionTimeoutMs ?? 10_000,
      greetingTimeout: opts.connectionTimeoutMs ?? 10_000,
      socketTimeout: opts.socketTimeoutMs ?? 60_000,
    });
  }

  async send(msg: OutgoingMail): Promise<SentMail> {
    const message = toNodemailerMessage(msg);
    try {
      const info = await this.transporter.sendMail(message);
      return { messageId: info.messageId };
    } catch (err) {
      throw classifyMailError(err);
    }
  }

  async verify(): Promise<void> {
    try {
      await this.transporter.verify();
    } catch (err) {
      throw classifyMailError(err);
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
