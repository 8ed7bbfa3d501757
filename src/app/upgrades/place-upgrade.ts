import { Upgrade } from '../../db/entities/index.js';
import { lockForUpdate } from '../../db/lock-for-update.js';
import { parseMoney } from '../../domain/money.js';
import type { AppContext } from '../app-context.js';
import { resolveBillingDate } from '../billing-date.js';
import { runStep } from '../run-step.js';
import { assertMayActAs, type Caller } from './caller.js';
import { cancelInTransaction } from './cancel-upgrade.js';
import { quoteForService } from './quote-for-service.js';
import { insertQueuedUpgrade } from './transition-upgrade.js';
import type { PlaceUpgradeRequest } from './upgrade-request.js';

/** What `POST /v1/services/:id/upgrades` answers (202). */
export interface PlacedUpgrade {
  upgradeId: number;
  status: 'queued';
}

/**
 * Places an upgrade order: checks who may ask (a storefront acts only for the client) and the billing date, checks
 * the guards and prices it now (so a bad request fails at once with the quote's error), stores it `queued` with the
 * preview and its asOf, and enqueues its processing after commit. Under `concurrentUpgrades: replace` the open
 * order is cancelled in the same transaction.
 */
export async function placeUpgrade(
  ctx: AppContext,
  serviceId: number,
  body: PlaceUpgradeRequest,
  caller: Caller,
): Promise<PlacedUpgrade> {
  assertMayActAs(caller, body.actor);
  const asOf = resolveBillingDate(ctx, body.asOf, caller.role);
  const { actor, asOf: _asOf, ...request } = body;
  return runStep(
    ctx,
    async (em) => {
      const now = ctx.clock.now();
      // The service row lock (lock: true) makes the guard check and the insert one step per service.
      const priced = await quoteForService(em, serviceId, request, {
        asOf,
        promotionDate: ctx.clock.today(),
        actor,
        policy: ctx.config.policy,
        lock: true,
      });
      const followUps = [];
      if (priced.openUpgradeId !== null) {
        const open = await lockForUpdate(em, Upgrade, { id: priced.openUpgradeId });
        if (open)
          followUps.push(...(await cancelInTransaction(em, ctx, open, `${actor}`, 'replaced by a new upgrade order')));
      }
      const decimals = priced.input.currency!.decimals!;
      const upgrade = await insertQueuedUpgrade(
        em,
        {
          serviceId,
          clientId: priced.service.clientId,
          fromProductId: priced.service.productId,
          fromBillingCycle: priced.service.billingCycle,
          actor,
          reason: null,
          asOf,
          request,
          quote: priced.quote,
          invoiceId: null,
          promotionId: priced.promotion?.id ?? null,
          effectiveDate: null,
          currency: priced.service.currency,
          total: parseMoney(priced.quote.total, decimals, 'total'),
          provisioningResult: null,
          accountCredit: null,
          createdAt: now,
        } satisfies Omit<Upgrade, 'id' | 'status' | 'statusChangedAt' | 'updatedAt'>,
        actor,
      );
      followUps.push({ queue: 'upgrade-orders' as const, payload: { upgradeId: upgrade.id } });
      return { result: { upgradeId: upgrade.id, status: 'queued' as const }, followUps };
    },
    { bestEffortEnqueue: true },
  );
}
