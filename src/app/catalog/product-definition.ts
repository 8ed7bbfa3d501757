import { In, type EntityManager } from 'typeorm';
import { ConfigOptionChoice } from '../../db/entities/config-option-choice.entity.js';
import { ConfigOption, type ConfigOptionType } from '../../db/entities/config-option.entity.js';
import { Price, type PriceOwner } from '../../db/entities/price.entity.js';
import { ProductConfigOption } from '../../db/entities/product-config-option.entity.js';
import { Product } from '../../db/entities/product.entity.js';
import { NotFoundError } from '../errors.js';

/** Prices in minor units by currency, then billing cycle: `{ USD: { monthly: 1000n } }`. */
export type PriceTable = Record<string, Record<string, bigint>>;

export interface ChoiceDefinition {
  id: number;
  name: string;
  prices: PriceTable;
}

/** A configurable option with its prices in every currency (unit prices for yesno and quantity options). */
export interface OptionDefinition {
  id: number;
  name: string;
  type: ConfigOptionType;
  min: number | null;
  max: number | null;
  allowDowngrade: boolean;
  prices: PriceTable;
  /** In display order; empty for yesno and quantity options. */
  choices: ChoiceDefinition[];
}

/** A product with everything that prices it, in minor units and every currency. */
export interface ProductDefinition {
  product: Product;
  prices: PriceTable;
  /** Ascending option id. */
  options: OptionDefinition[];
}

function priceTables(prices: Price[]): Map<string, PriceTable> {
  const byOwner = new Map<string, PriceTable>();
  for (const p of prices) {
    const owner = `${p.ownerType}:${p.ownerId}`;
    const table = byOwner.get(owner) ?? {};
    (table[p.currency] ??= {})[p.billingCycle] = p.amount;
    byOwner.set(owner, table);
  }
  return byOwner;
}

/**
 * Loads a product with its prices, options and choices (three queries however many options). Throws 404 when
 * the product does not exist. Reads through `em`, so it sees the caller's transaction.
 */
export async function loadProductDefinition(em: EntityManager, productId: number): Promise<ProductDefinition> {
  const product = await em.getRepository(Product).findOneBy({ id: productId });
  if (!product) throw new NotFoundError('product', productId);
  const links = await em.getRepository(ProductConfigOption).find({ where: { productId }, order: { optionId: 'ASC' } });
  const optionIds = links.map((l) => l.optionId);
  const [options, choices] =
    optionIds.length === 0
      ? [[], []]
      : await Promise.all([
          em.getRepository(ConfigOption).find({ where: { id: In(optionIds) }, order: { id: 'ASC' } }),
          em
            .getRepository(ConfigOptionChoice)
            .find({ where: { optionId: In(optionIds) }, order: { sortOrder: 'ASC', id: 'ASC' } }),
        ]);
  const owners: Array<{ ownerType: PriceOwner; ownerId: ReturnType<typeof In> | number }> = [
    { ownerType: 'product', ownerId: productId },
  ];
  if (options.length > 0) owners.push({ ownerType: 'option', ownerId: In(options.map((o) => o.id)) });
  if (choices.length > 0) owners.push({ ownerType: 'choice', ownerId: In(choices.map((c) => c.id)) });
  const tables = priceTables(await em.getRepository(Price).find({ where: owners as never, order: { id: 'ASC' } }));
  const tableOf = (type: PriceOwner, id: number) => tables.get(`${type}:${id}`) ?? {};
  return {
    product,
    prices: tableOf('product', productId),
    options: options.map((o) => ({
      id: o.id,
      name: o.name,
      type: o.type,
      min: o.minQty,
      max: o.maxQty,
      allowDowngrade: o.allowDowngrade,
      prices: tableOf('option', o.id),
      choices: choices
        .filter((c) => c.optionId === o.id)
        .map((c) => ({ id: c.id, name: c.name, prices: tableOf('choice', c.id) })),
    })),
  };
}
