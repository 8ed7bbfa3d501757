import { createHash } from 'node:crypto';
import { WebhookPermanentError } from './webhook-permanent-error.js';

/** The events front-ends can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'upgrade.invoiced',
  'upgrade.completed',
  'upgrade.provisioning_failed',
  'upgrade.cancelled',
  'upgrade.rejected',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What an event says about the upgrade. Ids and states only: front-ends fetch details from the API; no secrets. */
export interface WebhookEventData {
  upgradeId: number;
  serviceId: number;
  clientId: number;
  /** The upgrade's status after the event (`invoiced`, `completed`, `provisioning_failed`, `cancelled`, `rejected`). */
  status: string;
  /** The upgrade invoice; null when none was raised. */
  invoiceId: number | null;
  /** Why, for `upgrade.cancelled`, `upgrade.rejected` and `upgrade.provisioning_failed`; null otherwise. */
  reason: string | null;
}

/** The JSON body POSTed to each endpoint. */
export interface WebhookEvent {
  /** The delivery id, also in the `Upshift-Delivery` header; the same on every retry, so receivers can de-duplicate. */
  id: string;
  type: WebhookEventType;
  /** When the event happened (ISO 8601, UTC); the same on every retry. */
  createdAt: string;
  data: WebhookEventData;
}

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly unknown[]).includes(value);
}

/**
 * The delivery id of one event to one endpoint: `whd_` + 32 hex characters, derived from the event type, the upgrade,
 * the endpoint URL and an occurrence number (for an event that can happen again, such as a second provisioning
 * failure after a manual retry). Deterministic, so re-enqueueing the same delivery is harmless (use it as the BullMQ
 * job id) and a receiver sees one id however often it is retried. Contains no `:`, as BullMQ job ids must not.
 */
export function webhookDeliveryId(type: WebhookEventType, upgradeId: number, url: string, occurrence = 1): string {
  return 'whd_' + createHash('sha256').update(`${type}\n${upgradeId}\n${occurrence}\n${url}`).digest('hex').slice(0, 32);
}

/**
 * Builds the event body, checking every field.
 *
 * @throws WebhookPermanentError naming the field (`type`, `data.upgradeId`, …) when one is missing or malformed.
 */
export function buildWebhookEvent(type: WebhookEventType, data: WebhookEventData, opts: { deliveryId: string; at: Date }): WebhookEvent {
  const bad = (field: string, expected: string) => new WebhookPermanentError(`${field}: expected ${expected}`, null);
  if (!isWebhookEventType(type)) throw bad('type', `one of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  if (!/^whd_[0-9a-f]{32}$/.test(opts.deliveryId)) throw bad('deliveryId', 'an id from webhookDeliveryId()');
  if (!(opts.at instanceof Date) || Number.isNaN(opts.at.getTime())) throw bad('at', 'a valid Date');
  for (const field of ['upgradeId', 'serviceId', 'clientId'] as const) {
    if (!Number.isSafeInteger(data[field]) || data[field] <= 0) throw bad(`data.${field}`, 'a positive integer');
  }
  if (data.invoiceId !== null && (!Number.isSafeInteger(data.invoiceId) || data.invoiceId <= 0)) throw bad('data.invoiceId', 'a positive integer or null');
  if (typeof data.status !== 'string' || data.status === '') throw bad('data.status', 'a non-empty string');
  if (data.reason !== null && typeof data.reason !== 'string') throw bad('data.reason', 'a string or null');
  const { upgradeId, serviceId, clientId, status, invoiceId, reason } = data;
  return { id: opts.deliveryId, type, createdAt: opts.at.toISOString(), data: { upgradeId, serviceId, clientId, status, invoiceId, reason } };
}
