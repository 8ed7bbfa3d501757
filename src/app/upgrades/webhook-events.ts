import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { WebhookDelivery, type Upgrade } from '../../db/entities/index.js';

/** The upgrade events front-ends can subscribe to (docs/WEBHOOKS.md). */
export type UpgradeEvent = 'upgrade.invoiced' | 'upgrade.completed' | 'upgrade.provisioning_failed' | 'upgrade.cancelled' | 'upgrade.rejected';

/**
 * Writes one pending delivery per configured endpoint in the caller's transaction (a transactional outbox):
 * the event exists exactly when the state change does. `deliveryKey` is unique, so a re-run adds nothing.
 * Returns the ids of the deliveries that are still pending, to enqueue after commit.
 */
export async function recordUpgradeEvent(em: EntityManager, urls: string[], event: UpgradeEvent, upgrade: Upgrade): Promise<number[]> {
  if (urls.length === 0) return [];
  const data = {
    upgradeId: upgrade.id, serviceId: upgrade.serviceId, clientId: upgrade.clientId, status: upgrade.status,
    invoiceId: upgrade.invoiceId, reason: upgrade.reason,
  };
  const keys = urls.map((url) => `${event}-${upgrade.id}-${createHash('sha256').update(url).digest('hex').slice(0, 16)}`);
  await em.createQueryBuilder().insert().into(WebhookDelivery).orIgnore()
    .values(urls.map((url, i) => ({ deliveryKey: keys[i]!, upgradeId: upgrade.id, url, event, payload: data, status: 'pending' as const, attempts: 0 })))
    .execute();
  const rows = await em.find(WebhookDelivery, { where: { deliveryKey: In(keys), status: 'pending' }, select: { id: true } });
  return rows.map((r) => r.id);
}
