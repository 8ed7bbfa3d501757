import type { EntityManager } from 'typeorm';
import { Service, WebhookDelivery, type Upgrade } from '../../db/entities/index.js';
import { readRow } from '../../db/row-reader.js';
import { cachedPanelServer, cachedProduct } from '../catalog/catalog-cache.js';
import type { FollowUp } from '../run-step.js';
import { nextJobFor, noticesFor, webhookJobs } from './upgrade-follow-ups.js';

/**
 * True when the service's (current) product is provisioned on a control panel. `service` saves the read when the
 * caller holds the row already.
 */
export async function serviceHasPanel(
  em: EntityManager,
  serviceId: number,
  service?: Pick<Service, 'productId' | 'serverId'>,
): Promise<boolean> {
  const row = service ?? (await readRow(em, Service, { id: serviceId }));
  if (!row) throw new Error(`no services row with id ${serviceId}`);
  const product = await cachedProduct(em, row.productId);
  const serverId = row.serverId ?? product.serverId;
  if (product.module === null || product.panelPackage === null || serverId === null) return false;
  return (await cachedPanelServer(em, serverId)) !== null;
}

/** Options of {@link resumeFollowUps}. */
export interface ResumeOptions {
  /**
   * The webhook deliveries the calling step recorded, when it has just moved the upgrade itself: only those are
   * enqueued and the table is not searched — every earlier step enqueued its own before its job completed
   * (DESIGN §2). Left out (a re-run, the stuck sweep), every pending delivery of the upgrade is enqueued again.
   */
  recordedDeliveries?: number[];
  /** The upgrade's service row, when the caller holds it (saves a read). */
  service?: Pick<Service, 'productId' | 'serverId'>;
}

/**
 * Every job an upgrade in its current state still needs: the next step, its notices and its pending webhook
 * deliveries. All have deterministic ids, so enqueueing them again is harmless; a job that finds its step
 * already done returns these, and the stuck sweep uses them to heal a crash between commit and enqueue.
 */
export async function resumeFollowUps(
  em: EntityManager,
  upgrade: Upgrade,
  opts: ResumeOptions = {},
): Promise<FollowUp[]> {
  const next = nextJobFor(
    upgrade,
    upgrade.status === 'applied' && (await serviceHasPanel(em, upgrade.serviceId, opts.service)),
  );
  const deliveries =
    opts.recordedDeliveries ??
    (
      await em.find(WebhookDelivery, {
        where: { upgradeId: upgrade.id, status: 'pending' },
        select: { id: true },
      })
    ).map((r) => r.id);
  return [...(next ? [next] : []), ...noticesFor(upgrade), ...webhookJobs(deliveries)];
}
