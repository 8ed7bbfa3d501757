import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { WebhookDelivery, type Upgrade } from '../../db/entities/index.js';
import {
  webhookDeliveryId,
  type PaymentCreditedData,
  type UpgradeEventType,
  type WebhookEventData,
  type WebhookEventType,
} from '../../webhooks/index.js';

/** The upgrade events front-ends can subscribe to (docs/WEBHOOKS.md). */
export type UpgradeEvent = UpgradeEventType;

/**
 * Writes one pending delivery per configured endpoint in the caller's transaction (a transactional outbox): the
 * event exists exactly when the state change does. `deliveryKey` (the `Upshift-Delivery` id, derived from event,
 * subject and endpoint) is unique, so a re-run adds nothing. Returns the ids of the deliveries that are still
 * pending, to enqueue after commit.
 */
async function recordEvent(
  em: EntityManager,
  urls: string[],
  event: WebhookEventType,
  subject: number | string,
  upgradeId: number | null,
  data: WebhookEventData | PaymentCreditedData,
): Promise<number[]> {
  if (urls.length === 0) return [];
  const keys = urls.map((url) => webhookDeliveryId(event, subject, url));
  await em
    .createQueryBuilder()
    .insert()
    .into(WebhookDelivery)
    .orIgnore()
    .values(
      urls.map((url, i) => ({
        deliveryKey: keys[i],
        upgradeId,
        url,
        event,
        payload: data,
        status: 'pending' as const,
        attempts: 0,
      })),
    )
    .execute();
  const rows = await em.find(WebhookDelivery, {
    where: { deliveryKey: In(keys), status: 'pending' },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Records an `upgrade.*` event about the upgrade in its current state. */
export async function recordUpgradeEvent(
  em: EntityManager,
  urls: string[],
  event: UpgradeEvent,
  upgrade: Upgrade,
): Promise<number[]> {
  const data: WebhookEventData = {
    upgradeId: upgrade.id,
    serviceId: upgrade.serviceId,
    clientId: upgrade.clientId,
    status: upgrade.status,
    invoiceId: upgrade.invoiceId,
    reason: upgrade.reason,
  };
  return recordEvent(em, urls, event, upgrade.id, upgrade.id, data);
}

/** Records `payment.credited` for one credit, named by its ledger reference (one event per credit). */
export async function recordPaymentCredited(
  em: EntityManager,
  urls: string[],
  reference: string,
  data: PaymentCreditedData,
): Promise<number[]> {
  return recordEvent(em, urls, 'payment.credited', reference, data.upgradeId, data);
}
