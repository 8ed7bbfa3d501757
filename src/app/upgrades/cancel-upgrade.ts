import type { EntityManager } from 'typeorm';
import { CANCELLABLE_STATUSES } from '../../domain/upgrade-status.js';
import { Invoice, Upgrade } from '../../db/entities/index.js';
import { lockForUpdate, lockForUpdateOrFail } from '../../db/lock-for-update.js';
import type { AppContext } from '../app-context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { runStep, type FollowUp } from '../run-step.js';
import { creditReceivedMoney } from '../ledger.js';
import { assertMayActAs, STAFF_CALLER, type Caller } from './caller.js';
import { resumeFollowUps } from './resume-follow-ups.js';
import { transitionUpgrade } from './transition-upgrade.js';
import type { Actor } from './upgrade-request.js';
import { webhookJobs } from './upgrade-follow-ups.js';

/**
 * Cancels an unpaid or scheduled upgrade and its unpaid invoice, in the caller's transaction. A part payment
 * already taken goes to the client's credit. Refuses (409) once the invoice is paid or the change applied.
 */
export async function cancelInTransaction(
  em: EntityManager,
  ctx: AppContext,
  upgrade: Upgrade,
  actor: string,
  reason: string,
): Promise<FollowUp[]> {
  if (!CANCELLABLE_STATUSES.includes(upgrade.status)) {
    throw new ConflictError(
      'not_cancellable',
      `upgrade ${upgrade.id} is ${upgrade.status}; only queued, invoiced or scheduled upgrades can be cancelled`,
    );
  }
  const deliveries: number[] = [];
  if (upgrade.invoiceId) {
    const invoice = await lockForUpdateOrFail(em, Invoice, { id: upgrade.invoiceId });
    if (invoice.status === 'paid')
      throw new ConflictError(
        'already_paid',
        `invoice ${invoice.id} of upgrade ${upgrade.id} is already paid; the change will be applied`,
      );
    if (invoice.status === 'unpaid') {
      await em.update(Invoice, { id: invoice.id }, { status: 'cancelled' });
      deliveries.push(
        ...(await creditReceivedMoney(
          em,
          ctx.config.webhookUrls,
          {
            clientId: invoice.clientId,
            amount: invoice.amountPaid,
            currency: invoice.currency,
            reference: `cancel-refund-invoice-${invoice.id}`,
            description: `Part payment of cancelled invoice #${invoice.id}`,
          },
          { paymentId: null, invoiceId: invoice.id, upgradeId: upgrade.id, reason: 'cancelled_part_payment' },
        )),
      );
    }
  }
  await transitionUpgrade(em, upgrade, 'cancelled', {
    actor,
    webhookUrls: ctx.config.webhookUrls,
    patch: { reason },
    note: reason,
  });
  return [...webhookJobs(deliveries), ...(await resumeFollowUps(em, upgrade))];
}

/**
 * `POST /v1/upgrades/:id/cancel`. A storefront cancels for the client only, and only orders the client placed; staff
 * cancel any cancellable order.
 */
export async function cancelUpgrade(
  ctx: AppContext,
  upgradeId: number,
  actor: Actor,
  reason: string,
  caller: Caller = STAFF_CALLER,
): Promise<Upgrade> {
  assertMayActAs(caller, actor);
  return runStep(ctx, async (em) => {
    const upgrade = await lockForUpdate(em, Upgrade, { id: upgradeId });
    if (!upgrade) throw new NotFoundError('upgrade', upgradeId);
    if (caller.role !== 'staff' && upgrade.actor !== 'client') {
      throw new ForbiddenError(`upgrade ${upgradeId} was placed by staff; only staff may cancel it`);
    }
    const followUps = await cancelInTransaction(em, ctx, upgrade, actor, reason);
    return { result: upgrade, followUps };
  });
}
