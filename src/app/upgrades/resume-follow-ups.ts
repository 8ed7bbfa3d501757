import type { EntityManager } from 'typeorm';
import { PanelServer, Product, Service, WebhookDelivery, type Upgrade } from '../../db/entities/index.js';
import type { FollowUp } from '../run-step.js';
import { nextJobFor, noticesFor, webhookJobs } from './upgrade-follow-ups.js';

/** True when the service's (current) product is provisioned on a control panel. */
export async function serviceHasPanel(em: EntityManager, serviceId: number): Promise<boolean> {
  const service = await em.findOneByOrFail(Service, { id: serviceId });
  const product = await em.findOneByOrFail(Product, { id: service.productId });
  const serverId = service.serverId ?? product.serverId;
  return (
    product.module !== null &&
    product.panelPackage !== null &&
    serverId !== null &&
    (await em.existsBy(PanelServer, { id: serverId }))
  );
}

/**
 * Every job an upgrade in its current state still needs: the next step, its notices and its pending webhook
 * deliveries. All have deterministic ids, so enqueueing them again is harmless; a job that finds its step
 * already done returns these, and the stuck sweep uses them to heal a crash between commit and enqueue.
 */
export async function resumeFollowUps(em: EntityManager, upgrade: Upgrade): Promise<FollowUp[]> {
  const next = nextJobFor(upgrade, upgrade.status === 'applied' && (await serviceHasPanel(em, upgrade.serviceId)));
  const pending = await em.find(WebhookDelivery, {
    where: { upgradeId: upgrade.id, status: 'pending' },
    select: { id: true },
  });
  return [...(next ? [next] : []), ...noticesFor(upgrade), ...webhookJobs(pending.map((r) => r.id))];
}
