import type { AppContext } from '../app-context.js';
import { resolveBillingDate } from '../billing-date.js';
import { assertMayActAs, type Caller } from './caller.js';
import { quoteForService, type PricedQuote } from './quote-for-service.js';
import type { PlaceUpgradeRequest } from './upgrade-request.js';

/**
 * `POST /v1/services/:id/quote`: the quote an order placed now would get — same guards, same input, same billing
 * date rules — and nothing stored. `actor` (an extension of §4, default `client`) decides which targets are
 * allowed; only staff may ask as staff.
 */
export async function priceUpgradeRequest(
  ctx: AppContext,
  serviceId: number,
  body: PlaceUpgradeRequest,
  caller: Caller,
): Promise<PricedQuote> {
  assertMayActAs(caller, body.actor);
  const { actor, asOf, ...request } = body;
  const billingDate = resolveBillingDate(ctx, asOf, caller.role);
  const priced = await quoteForService(ctx.ds.manager, serviceId, request, {
    asOf: billingDate,
    promotionDate: ctx.clock.today(),
    actor,
    policy: ctx.config.policy,
  });
  return priced.quote;
}
