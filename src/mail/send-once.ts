import { classifyMailError } from './classify-mail-error.js';
import type { EmailLogStore } from './email-log-store.js';
import type { MailTransport, OutgoingMail } from './mail-transport.js';
import { MailClaimHeldError } from './mail-errors.js';

/** What {@link sendOnce} did. */
export type SendOnceResult = { status: 'sent'; messageId: string; location?: string } | { status: 'already-sent' };

/** What the email log records about a send besides its key. */
export interface SendOnceMeta {
  /** Template name, e.g. `upgrade-completed`. */
  template: string;
  upgradeId?: number;
}

/**
 * The idempotency key of an email: `email:<template>:<upgradeId>`, plus `:<occurrence>` for an email that may
 * legitimately go out more than once for one upgrade (a second provisioning failure after a manual retry).
 */
export function emailKey(template: string, upgradeId: number, occurrence?: string | number): string {
  return occurrence === undefined ? `email:${template}:${upgradeId}` : `email:${template}:${upgradeId}:${occurrence}`;
}

/**
 * Sends `message` unless the email log already holds a send under `key`, so a replayed or duplicated email job
 * mails nothing the second time.
 *
 * 1. `claim(key)`: `'already-sent'` → return without sending; `'in-progress'` (another worker holds a fresh claim)
 *    → throw {@link MailTemporaryError} so this job retries later and then finds `sent`, or a stale claim to take over.
 * 2. Send, with the key as the message's idempotency key (stable Message-ID, outbox file name).
 * 3. `markSent` on success; `markFailed` on failure (so the retry may claim again), then rethrow the classified error.
 *
 * The one window left: the process dies after the SMTP server accepted the message and before `markSent` is
 * written. The claim then stays `sending`, goes stale, and the retried job sends once more — at-least-once at the SMTP
 * boundary, as every mailer is; the log narrows duplicates to that window, and the repeated Message-ID lets
 * receiving systems that de-duplicate drop it.
 *
 * @throws MailClaimHeldError while another sender holds the claim; MailTemporaryError | MailPermanentError from the
 *   transport; whatever the store throws.
 */
export async function sendOnce(
  key: string,
  message: OutgoingMail,
  store: EmailLogStore,
  transport: MailTransport,
  meta: SendOnceMeta,
): Promise<SendOnceResult> {
  const claim = await store.claim(key, { to: message.to, template: meta.template, upgradeId: meta.upgradeId });
  if (claim === 'already-sent') return { status: 'already-sent' };
  if (claim === 'in-progress') {
    throw new MailClaimHeldError(key);
  }
  let sent;
  try {
    sent = await transport.send({ ...message, key });
  } catch (err) {
    const failure = classifyMailError(err);
    // If recording the failure fails too, the claim stays 'sending' and becomes claimable once stale: the retry
    // still happens, only later. The send error is the one worth reporting.
    await store.markFailed(key, `${failure.name}: ${failure.message}`.slice(0, 1000)).catch(() => undefined);
    throw failure;
  }
  await store.markSent(key, sent.messageId);
  return { status: 'sent', ...sent };
}
