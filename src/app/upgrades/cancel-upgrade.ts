import type { EntityManager } from 'typeorm';
import { CANCELLABLE_STATUSES } from '../../domain/upgrade-status.js';
import { Invoice, type Upgrade } from '../../db/entities/index.js';
import type { AppContext } from '../app-context.js';
import { ConflictError, NotFoundError } from '../errors/index.js';
import { runStep, type FollowUp } from '../follow-ups.js';
import { creditOnce } from '../ledger.js';
import { transitionUpgrade, lockUpgrade } from './transition-upgrade.js';
import { webhookJobs } from './upgrade-follow-ups.js';
import { recordUpgradeEvent } from './webhook-events.js';

/**
 * Cancels an unpaid or scheduled upgrade and its unpaid invoice, in the caller's transaction. A part payment
 * already taken goes to the client's credit. Refuses (409) once the invoice is paid or the change applied.
 */
export async function cancelInTransaction(em: EntityManager, ctx: AppContext, upgrade: Upgrade, actor: string, reason: string): Promise<FollowUp[]> {
  if (!CANCELLABLE_STATUSES.includes(upgrade.status)) {
    throw new ConflictError('not_cancellable', `upgrade ${upgrade.id} is ${upgrade.status}; only queued, invoiced or scheduled upgrades can be cancelled`);
  }
  if (upgrade.invoiceId) {
    const invoice = await em.getRepository(Invoice).createQueryBuilder('i').setLock('pessimistic_write').where('i.id = :id', { id: upgrade.invoiceId }).getOneOrFail();
    if (invoice.status === 'paid') throw new ConflictError('already_paid', `invoice ${invoice.id} of upgrade ${upgrade.id} is already paid; the change will be applied`);
    if (invoice.status === 'unpaid') {
      await em.update(Invoice, { id: invoice.id }, { status: 'cancelled' });
      await creditOnce(em, {
        clientId: invoice.clientId, amount: invoice.amountPaid, currency: invoice.currency,
        reference: `cancel-refund-invoice-${invoice.id}`, description: `Part payment of cancelled invoice #${invoice.id}`,
      });
    }
  }
  await transitionUpgrade(em, upgrade, 'cancelled', actor, { reason }, reason);
  return webhookJobs(await recordUpgradeEvent(em, ctx.config.webhookUrls, 'upgrade.cancelled', upgrade));
}

/** `POST /v1/upgrades/:id/cancel` and the expiry sweep. */
export async function cancelUpgrade(ctx: AppContext, upgradeId: number, actor: string, reason: string): Promise<Upgrade> {
  return runStep(ctx, async (em) => {
    const upgrade = await lockUpgrade(em, upgradeId);
    if (!upgrade) throw new NotFoundError('upgrade', upgradeId);
    const followUps = await cancelInTransaction(em, ctx, upgrade, actor, reason);
    return { result: upgrade, followUps };
  });
}
