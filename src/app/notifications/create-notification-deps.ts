import type { DataSource } from 'typeorm';
import type { UpshiftConfig } from '../../config/config.js';
import { createMailTransport, defaultTemplatesDir, TemplateRenderer } from '../../mail/index.js';
import { DbEmailLogStore } from './db-email-log-store.js';
import { DbWebhookDeliveryStore } from './db-webhook-delivery-store.js';
import type { NotificationDeps } from './notification-deps.js';

/** The mail and webhook plumbing of a worker process, from the configuration (MAIL_TRANSPORT, OUTBOX_DIR). */
export function createNotificationDeps(ds: DataSource, config: Pick<UpshiftConfig, 'mailTransport' | 'outboxDir'>): NotificationDeps {
  return {
    renderer: new TemplateRenderer({ templatesDir: defaultTemplatesDir() }),
    transport: createMailTransport(config.mailTransport, { outboxDir: config.outboxDir }),
    emailLog: new DbEmailLogStore(ds),
    webhookLog: new DbWebhookDeliveryStore(ds),
  };
}
