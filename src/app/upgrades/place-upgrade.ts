import { Service, Upgrade } from '../../db/entities/index.js';
import { parseMoney } from '../../domain/money.js';
import type { AppContext } from '../app-context.js';
import { NotFoundError } from '../errors/index.js';
import { runStep } from '../follow-ups.js';
import { cancelInTransaction } from './cancel-upgrade.js';
import { quoteForService } from './quote-for-service.js';
import { insertQueuedUpgrade, lockUpgrade } from './transition-upgrade.js';
import type { PlaceUpgradeRequest } from './upgrade-request.js';

/** What `POST /v1/services/:id/upgrades` answers (202). */
export interface PlacedUpgrade {
  upgradeId: number;
  status: 'queued';
}

/**
 * Places an upgrade order: checks the guards and prices it now (so a bad request fails at once with the
 * quote's error), stores it `queued` with the preview and its asOf, and enqueues its processing after
 * commit. Under `concurrentUpgrades: replace` the open order is cancelled in the same transaction.
 */
export async function placeUpgrade(ctx: AppContext, serviceId: number, body: PlaceUpgradeRequest): Promise<PlacedUpgrade> {
  const asOf = body.asOf ?? ctx.clock.today();
  const { actor, ...request } = body;
  return runStep(ctx, async (em) => {
    // Serialise orders per service: the row lock makes the guard check and the insert one step.
    const locked = await em.getRepository(Service).createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :id', { id: serviceId }).getOne();
    if (!locked) throw new NotFoundError('service', serviceId);
    const priced = await quoteForService(em, serviceId, request, { asOf, actor, policy: ctx.config.policy });
    const followUps = [];
    if (priced.openUpgradeId !== null) {
      const open = await lockUpgrade(em, priced.openUpgradeId);
      if (open) followUps.push(...await cancelInTransaction(em, ctx, open, `${actor}`, 'replaced by a new upgrade order'));
    }
    const decimals = priced.input.currency!.decimals!;
    const upgrade = await insertQueuedUpgrade(em, {
      serviceId, clientId: priced.service.clientId, fromProductId: priced.service.productId, fromBillingCycle: priced.service.billingCycle, actor, reason: null, asOf, request,
      quote: priced.quote, invoiceId: null, promotionId: priced.promotion?.id ?? null, effectiveDate: null,
      currency: priced.service.currency, total: parseMoney(priced.quote.total, decimals, 'total'), provisioningResult: null,
    } satisfies Omit<Upgrade, 'id' | 'status' | 'statusChangedAt' | 'createdAt' | 'updatedAt'>, actor);
    followUps.push({ queue: 'upgrade-orders' as const, payload: { upgradeId: upgrade.id } });
    return { result: { upgradeId: upgrade.id, status: 'queued' as const }, followUps };
  }, { bestEffortEnqueue: true });
}
