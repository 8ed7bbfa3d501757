import { WebhookDelivery } from '../../db/entities/index.js';
import {
  buildWebhookEvent,
  deliverAndRecord,
  type PaymentCreditedData,
  type WebhookDeliveryResult,
  type WebhookEventData,
  type WebhookEventType,
} from '../../webhooks/index.js';
import { processMetrics } from '../../observability/process-metrics.js';
import type { AppContext } from '../app-context.js';
import { NotFoundError } from '../errors.js';
import type { NotificationDeps } from './notification-deps.js';

/**
 * The `webhooks` step: one attempt to deliver one recorded event to its endpoint, signed with the configured
 * secret (read here, never carried in the job). A delivery already answered with a 2xx is skipped.
 */
export async function deliverUpgradeWebhook(
  ctx: AppContext,
  deps: NotificationDeps,
  deliveryId: number,
  attempt: number,
  signal?: AbortSignal,
): Promise<WebhookDeliveryResult | { status: 'given-up' }> {
  const row = await ctx.ds.getRepository(WebhookDelivery).findOneBy({ id: deliveryId });
  if (!row) throw new NotFoundError('webhook delivery', deliveryId);
  if (row.status === 'failed') return { status: 'given-up' };
  const event = row.event as WebhookEventType;
  const payload = buildWebhookEvent(event, row.payload as WebhookEventData | PaymentCreditedData, {
    deliveryId: row.deliveryKey,
    at: row.createdAt,
  });
  return processMetrics().trackWebhook(
    event,
    deliverAndRecord(
      { url: row.url, secret: ctx.config.webhookSecret, event, payload, deliveryId: row.deliveryKey },
      deps.webhookLog,
      { attempt, signal },
    ),
  );
}
