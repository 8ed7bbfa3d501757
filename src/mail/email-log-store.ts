/** What a claim on an email key found. */
export type EmailClaim = 'claimed' | 'already-sent' | 'in-progress';

/** Recorded with the claim, for the ops view of the email log. */
export interface EmailLogMeta {
  to: string;
  template: string;
  upgradeId?: number;
}

/**
 * The email log that makes a send happen once per key (table `email_log`, unique `key`). Implementations must make
 * `claim` atomic across processes; the MariaDB one does it with the unique key and a conditional UPDATE:
 *
 * | row for `key`                                   | claim does                                   | returns          |
 * | ----------------------------------------------- | -------------------------------------------- | ---------------- |
 * | none                                            | INSERT status `sending`, claimed_at = now    | `'claimed'`      |
 * | `sent`                                          | nothing                                      | `'already-sent'` |
 * | `failed`                                        | status → `sending`, claimed_at = now         | `'claimed'`      |
 * | `sending`, claimed_at older than the stale age  | claimed_at = now (the sender died)           | `'claimed'`      |
 * | `sending`, recent                               | nothing (another worker is on it)            | `'in-progress'`  |
 *
 * The stale age (10 minutes in {@link MemoryEmailLogStore}) must exceed the longest send — the SMTP socket timeout
 * plus queueing in the pool — or a slow send would be duplicated.
 */
export interface EmailLogStore {
  claim(key: string, meta: EmailLogMeta): Promise<EmailClaim>;
  /** The server accepted the message: status `sent`, with its Message-ID. A later claim returns `'already-sent'`. */
  markSent(key: string, messageId: string): Promise<void>;
  /** The send failed (`error` is a message without secrets): status `failed`, so the retry can claim it again. */
  markFailed(key: string, error: string): Promise<void>;
}
