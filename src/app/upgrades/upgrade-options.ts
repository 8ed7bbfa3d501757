import { Product } from '../../db/entities/index.js';
import type { PricedCycle } from '../../domain/calendar/billing-cycle.js';
import { In } from 'typeorm';
import type { AppContext } from '../app-context.js';
import { AppError } from '../errors.js';
import { loadProductCatalog } from '../catalog/load-product-catalog.js';
import { loadServiceView } from '../catalog/load-service-view.js';
import { quoteForService, type PricedQuote } from './quote-for-service.js';
import type { Actor, QuoteRequest } from './upgrade-request.js';

/** One choice offered to the client: a product at a cycle, its price, and what moving there costs today. */
export interface UpgradeOption {
  productId: number;
  name: string;
  billingCycle: PricedCycle;
  price: string;
  quote: PricedQuote | null;
  /** Why no quote could be given (e.g. `no_change`, `price_unavailable`), else null. */
  error: { code: string; message: string } | null;
}

/**
 * `GET /v1/services/:id/upgrade-options`: the allowed targets (the product's upgrade list for a client; for
 * staff also every other product) at every cycle they are priced in, each with a quote as of today.
 */
export async function listUpgradeOptions(ctx: AppContext, serviceId: number, actor: Actor): Promise<UpgradeOption[]> {
  const em = ctx.ds.manager;
  const service = await loadServiceView(em, serviceId);
  const current = await em.findOneByOrFail(Product, { id: service.productId });
  const targets =
    actor === 'client'
      ? await em.findBy(Product, { id: In([current.id, ...current.upgradeTargets]) })
      : await em.find(Product, { order: { id: 'ASC' } });
  const asOf = ctx.clock.today();
  const out: UpgradeOption[] = [];
  for (const target of targets) {
    const { pricing } = await loadProductCatalog(em, target.id, service.currency);
    for (const [billingCycle, price] of Object.entries(pricing)) {
      if (target.id === current.id && billingCycle === service.billingCycle) continue;
      // The keys of a product's pricing are priced cycles (src/api/schemas/pricing.ts).
      const cycle = billingCycle as PricedCycle;
      const request: QuoteRequest = { productId: target.id, billingCycle: cycle };
      try {
        const priced = await quoteForService(em, serviceId, request, {
          asOf,
          promotionDate: asOf,
          actor,
          policy: ctx.config.policy,
        });
        out.push({
          productId: target.id,
          name: target.name,
          billingCycle: cycle,
          price,
          quote: priced.quote,
          error: null,
        });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        out.push({
          productId: target.id,
          name: target.name,
          billingCycle: cycle,
          price,
          quote: null,
          error: { code: err.code, message: err.message },
        });
      }
    }
  }
  return out;
}
