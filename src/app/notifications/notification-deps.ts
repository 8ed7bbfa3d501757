import type { EmailLogStore, MailTransport, TemplateRenderer } from '../../mail/index.js';
import type { WebhookDeliveryStore } from '../../webhooks/index.js';

/** What the email and webhook steps send through; built once per worker process. */
export interface NotificationDeps {
  renderer: TemplateRenderer;
  transport: MailTransport;
  emailLog: EmailLogStore;
  webhookLog: WebhookDeliveryStore;
}
