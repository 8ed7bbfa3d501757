import {
  buildWebhookEvent,
  webhookDeliveryId,
  type WebhookEvent,
  type WebhookEventType,
} from '../../../src/webhooks/webhook-event.js';

export const SECRET = 'whsec_test_5f2b';

/** A completed-upgrade event for `url`, at a fixed time. */
export function sampleEvent(url: string, type: WebhookEventType = 'upgrade.completed', upgradeId = 4211): WebhookEvent {
  const deliveryId = webhookDeliveryId(type, upgradeId, url);
  return buildWebhookEvent(
    type,
    {
      upgradeId,
      serviceId: 310,
      clientId: 77,
      status: type === 'upgrade.completed' ? 'completed' : type.slice('upgrade.'.length),
      invoiceId: 9902,
      reason: null,
    },
    { deliveryId, at: new Date('2026-02-01T10:15:00Z') },
  );
}
