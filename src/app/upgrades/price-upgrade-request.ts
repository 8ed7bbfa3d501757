import type { Quote } from '../../domain/quote/index.js';
import type { AppContext } from '../app-context.js';
import { quoteForService } from './quote-for-service.js';
import type { PlaceUpgradeRequest } from './upgrade-request.js';

/**
 * `POST /v1/services/:id/quote`: the quote an order placed now would get — same guards, same input — and
 * nothing stored. `actor` (an extension of §4, default `client`) decides which targets are allowed.
 */
export async function priceUpgradeRequest(ctx: AppContext, serviceId: number, body: PlaceUpgradeRequest): Promise<Quote> {
  const { actor, asOf, ...request } = body;
  const priced = await quoteForService(ctx.ds.manager, serviceId, request, { asOf: asOf ?? ctx.clock.today(), actor, policy: ctx.config.policy });
  return priced.quote;
}
