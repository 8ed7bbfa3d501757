import type { DataSource } from 'typeorm';
import { EmailLog } from '../../db/entities/index.js';
import type { EmailClaim, EmailLogMeta, EmailLogStore } from '../../mail/index.js';

/** Options of {@link DbEmailLogStore}. */
export interface DbEmailLogStoreOptions {
  /** A `sending` claim older than this is taken over (its sender died). Must exceed the longest send. @defaultValue 600000 (10 min) */
  staleAfterMs?: number;
}

/**
 * The email log on MariaDB (table `email_log`, unique `key`): the claim is an INSERT IGNORE, then a conditional
 * UPDATE that takes over only a failed or stale claim — atomic across processes without an explicit lock.
 */
export class DbEmailLogStore implements EmailLogStore {
  private readonly staleAfterMs: number;

  constructor(
    private readonly ds: DataSource,
    opts: DbEmailLogStoreOptions = {},
  ) {
    this.staleAfterMs = opts.staleAfterMs ?? 600_000;
  }

  async claim(key: string, meta: EmailLogMeta): Promise<EmailClaim> {
    const inserted = await this.ds.query<{ affectedRows: number }>(
      'INSERT IGNORE INTO email_log (`key`, recipient, template, upgradeId, status) VALUES (?, ?, ?, ?, ?)',
      [key, meta.to, meta.template, meta.upgradeId ?? null, 'sending'],
    );
    if (inserted.affectedRows === 1) return 'claimed';
    const taken = await this.ds.query<{ affectedRows: number }>(
      `UPDATE email_log SET status = 'sending', error = NULL, updatedAt = CURRENT_TIMESTAMP(3)
       WHERE \`key\` = ? AND (status = 'failed' OR (status = 'sending' AND updatedAt < CURRENT_TIMESTAMP(3) - INTERVAL ? MICROSECOND))`,
      [key, this.staleAfterMs * 1000],
    );
    if (taken.affectedRows === 1) return 'claimed';
    const row = await this.ds.getRepository(EmailLog).findOneByOrFail({ key });
    return row.status === 'sent' ? 'already-sent' : 'in-progress';
  }

  async markSent(key: string, messageId: string): Promise<void> {
    await this.ds.query(
      "UPDATE email_log SET status = 'sent', messageId = ?, error = NULL, updatedAt = CURRENT_TIMESTAMP(3) WHERE `key` = ?",
      [messageId, key],
    );
  }

  async markFailed(key: string, error: string): Promise<void> {
    await this.ds.query(
      "UPDATE email_log SET status = 'failed', error = ?, updatedAt = CURRENT_TIMESTAMP(3) WHERE `key` = ? AND status = 'sending'",
      [error.slice(0, 2000), key],
    );
  }
}
