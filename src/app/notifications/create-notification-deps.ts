import type { DataSource } from 'typeorm';
import type { UpshiftConfig } from '../../config/config.js';
import { createMailTransport, defaultTemplatesDir, TemplateRenderer } from '../../mail/index.js';
import { DbEmailLogStore } from './db-email-log-store.js';
import { DbWebhookDeliveryStore } from './db-webhook-delivery-store.js';
import type { NotificationDeps } from './notification-deps.js';

/**
 * How long a `sending` claim of the outbox transport stands before another sender may take it over. An outbox send
 * is a local file write (seconds at worst), and sending twice only rewrites the same file, so a dead sender's
 * claim need not block its email for the SMTP default of 10 minutes.
 */
export const OUTBOX_CLAIM_STALE_MS = 30_000;

/** The mail and webhook plumbing of a worker process, from the configuration (MAIL_TRANSPORT, OUTBOX_DIR). */
export function createNotificationDeps(
  ds: DataSource,
  config: Pick<UpshiftConfig, 'mailTransport' | 'outboxDir'>,
): NotificationDeps {
  return {
    renderer: new TemplateRenderer({ templatesDir: defaultTemplatesDir() }),
    transport: createMailTransport(config.mailTransport, { outboxDir: config.outboxDir }),
    emailLog: new DbEmailLogStore(ds, config.mailTransport === 'outbox' ? { staleAfterMs: OUTBOX_CLAIM_STALE_MS } : {}),
    webhookLog: new DbWebhookDeliveryStore(ds),
  };
}
