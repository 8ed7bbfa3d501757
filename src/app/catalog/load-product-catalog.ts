import type { EntityManager } from 'typeorm';
import type { Product } from '../../db/entities/product.entity.js';
import type { OptionDefinitionInput } from '../../domain/quote/index.js';
import { cyclePriceStrings } from './catalog-money.js';
import { cachedProductDefinition } from './catalog-cache.js';
import type { OptionDefinition } from './product-definition.js';

// The pipeline reads a service and its product together; both readers are importable from here.
export { loadServiceView, type LoadServiceViewOptions, type ServiceView } from './load-service-view.js';

/** One item of the quote input's `options` (DESIGN §3), priced in one currency. */
export type QuoteOptionDefinition = OptionDefinitionInput;

/** A product as the quote needs it: prices and option definitions in the client's currency. */
export interface ProductCatalog {
  product: Product;
  /** Cycle → amount string in the currency (cycles without a price are absent). */
  pricing: Record<string, string>;
  /** Ascending option id. */
  configOptions: QuoteOptionDefinition[];
}

function toQuoteOption(o: OptionDefinition, currency: string): QuoteOptionDefinition {
  const base: QuoteOptionDefinition = { id: o.id, name: o.name, type: o.type, allowDowngrade: o.allowDowngrade };
  if (o.type === 'dropdown' || o.type === 'radio') {
    return {
      ...base,
      choices: o.choices.map((c) => ({ id: c.id, name: c.name, pricing: cyclePriceStrings(c.prices, currency) })),
    };
  }
  return {
    ...base,
    ...(o.min !== null && o.type === 'quantity' ? { min: o.min } : {}),
    ...(o.max !== null && o.type === 'quantity' ? { max: o.max } : {}),
    pricing: cyclePriceStrings(o.prices, currency),
  };
}

/**
 * Loads what the quote needs about a product in one currency: its price per cycle and its option
 * definitions in exactly the §3 `options[]` shape. Throws NotFoundError (404) for an unknown product.
 */
export async function loadProductCatalog(
  em: EntityManager,
  productId: number,
  currency: string,
): Promise<ProductCatalog> {
  const def = await cachedProductDefinition(em, productId);
  return {
    product: def.product,
    pricing: cyclePriceStrings(def.prices, currency),
    configOptions: def.options.map((o) => toQuoteOption(o, currency)),
  };
}
