import type { EmailClaim, EmailLogMeta, EmailLogStore } from './email-log-store.js';

/** One row of the in-memory email log. */
export interface MemoryEmailLogEntry extends EmailLogMeta {
  key: string;
  status: 'sending' | 'sent' | 'failed';
  claimedAt: number;
  attempts: number;
  messageId: string | null;
  error: string | null;
}

/** Options for {@link MemoryEmailLogStore}. */
export interface MemoryEmailLogStoreOptions {
  /** A `sending` claim older than this many milliseconds may be taken over. Default 600 000 (10 minutes). */
  staleAfterMs?: number;
  /** Clock, milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/**
 * The {@link EmailLogStore} rules held in a Map, for one process only. It exists so the send-once logic can be tested
 * without a database, and as the executable statement of the semantics the MariaDB store must match. Never use it
 * where more than one process sends mail.
 */
export class MemoryEmailLogStore implements EmailLogStore {
  readonly entries = new Map<string, MemoryEmailLogEntry>();
  private readonly staleAfterMs: number;
  private readonly now: () => number;

  constructor(opts: MemoryEmailLogStoreOptions = {}) {
    this.staleAfterMs = opts.staleAfterMs ?? 600_000;
    this.now = opts.now ?? Date.now;
  }

  async claim(key: string, meta: EmailLogMeta): Promise<EmailClaim> {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.entries.set(key, {
        key,
        ...meta,
        status: 'sending',
        claimedAt: now,
        attempts: 1,
        messageId: null,
        error: null,
      });
      return 'claimed';
    }
    if (entry.status === 'sent') return 'already-sent';
    if (entry.status === 'sending' && now - entry.claimedAt < this.staleAfterMs) return 'in-progress';
    Object.assign(entry, { status: 'sending', claimedAt: now, attempts: entry.attempts + 1 });
    return 'claimed';
  }

  async markSent(key: string, messageId: string): Promise<void> {
    Object.assign(this.entry(key), { status: 'sent', messageId, error: null });
  }

  async markFailed(key: string, error: string): Promise<void> {
    Object.assign(this.entry(key), { status: 'failed', error });
  }

  private entry(key: string): MemoryEmailLogEntry {
    const entry = this.entries.get(key);
    if (entry === undefined) throw new Error(`email log: no claim for key '${key}'`);
    return entry;
  }
}
