import { ConfigOption, type ConfigOptionType } from '../../db/entities/config-option.entity.js';
import { PanelServer, type PanelType } from '../../db/entities/panel-server.entity.js';
import { currencyPriceStrings } from './catalog-money.js';
import { loadProductDefinition, type OptionDefinition, type ProductDefinition } from './product-definition.js';
import type { EntityManager } from 'typeorm';
import { checkUpgradeTemplate } from '../../mail/check-upgrade-template.js';
import type { AppContext } from '../app-context.js';
import { ConfigOptionChoice } from '../../db/entities/config-option-choice.entity.js';
import { Price, type PriceOwner } from '../../db/entities/price.entity.js';
import { ProductConfigOption } from '../../db/entities/product-config-option.entity.js';
import { Product } from '../../db/entities/product.entity.js';
import { BusinessRuleError } from '../errors.js';
import { toMinorUnits } from './catalog-money.js';
import { requireReference, requireReferences } from './require-reference.js';

/** Prices as the product API shows them: currency, then cycle, then a money string. */
export type CurrencyPricing = Record<string, Record<string, string>>;

/** A configurable option as the product API shows it: the fields it is created with, plus ids. */
export interface ConfigOptionResource {
  id: number;
  name: string;
  type: ConfigOptionType;
  /** Quantity options only. */
  min?: number | null;
  /** Quantity options only; null is no limit. */
  max?: number | null;
  allowDowngrade: boolean;
  /** Unit price (yesno, quantity). */
  pricing?: CurrencyPricing;
  /** dropdown, radio. */
  choices?: Array<{ id: number; name: string; pricing: CurrencyPricing }>;
}

export interface ProductResource {
  id: number;
  name: string;
  module: PanelType | null;
  serverId: number | null;
  panelPackage: string | null;
  pricing: CurrencyPricing;
  configOptions: ConfigOptionResource[];
  upgradeTargets: number[];
  allowOptionUpgrades: boolean;
  upgradeEmailTemplate: string;
  taxable: boolean;
}

function toConfigOptionResource(o: OptionDefinition): ConfigOptionResource {
  const base = { id: o.id, name: o.name, type: o.type };
  if (o.type === 'dropdown' || o.type === 'radio') {
    return {
      ...base,
      allowDowngrade: o.allowDowngrade,
      choices: o.choices.map((c) => ({ id: c.id, name: c.name, pricing: currencyPriceStrings(c.prices) })),
    };
  }
  const range = o.type === 'quantity' ? { min: o.min, max: o.max } : {};
  return { ...base, ...range, allowDowngrade: o.allowDowngrade, pricing: currencyPriceStrings(o.prices) };
}

export function toProductResource(def: ProductDefinition): ProductResource {
  const p = def.product;
  return {
    id: p.id,
    name: p.name,
    module: p.module,
    serverId: p.serverId,
    panelPackage: p.panelPackage,
    pricing: currencyPriceStrings(def.prices),
    configOptions: def.options.map(toConfigOptionResource),
    upgradeTargets: p.upgradeTargets,
    allowOptionUpgrades: p.allowOptionUpgrades,
    upgradeEmailTemplate: p.upgradeEmailTemplate,
    taxable: p.taxable,
  };
}

/** Prices as decimal strings by currency, then cycle: `{ USD: { monthly: "4.00" } }`. */
export type CurrencyPricingInput = Record<string, Partial<Record<string, string>>>;

/** A new option, defined with the product (DESIGN §3 definition, prices keyed by currency). */
export interface NewConfigOptionInput {
  name: string;
  type: ConfigOptionType;
  min?: number;
  max?: number;
  allowDowngrade: boolean;
  /** Unit price; yesno and quantity options. */
  pricing?: CurrencyPricingInput;
  /** dropdown and radio options. */
  choices?: Array<{ name: string; pricing: CurrencyPricingInput }>;
}

export interface CreateProductInput {
  name: string;
  module: PanelType | null;
  serverId: number | null;
  panelPackage: string | null;
  pricing: CurrencyPricingInput;
  /** New options, or `{ id }` to link an existing (shared) option. */
  configOptions: Array<{ id: number } | NewConfigOptionInput>;
  upgradeTargets: number[];
  allowOptionUpgrades: boolean;
  upgradeEmailTemplate: string;
  taxable: boolean;
}

/** Inserts the prices of one owner; `field` names the input path for amount errors (`pricing.USD.monthly`). */
async function insertPrices(
  em: EntityManager,
  ownerType: PriceOwner,
  ownerId: number,
  pricing: CurrencyPricingInput | undefined,
  field: string,
): Promise<void> {
  const rows: Array<Partial<Price>> = [];
  for (const [currency, byCycle] of Object.entries(pricing ?? {})) {
    for (const [cycle, amount] of Object.entries(byCycle)) {
      if (amount === undefined) continue;
      rows.push({
        ownerType,
        ownerId,
        currency,
        billingCycle: cycle,
        amount: toMinorUnits(amount, currency, `${field}.${currency}.${cycle}`),
      });
    }
  }
  if (rows.length > 0) await em.getRepository(Price).insert(rows);
}

async function insertOption(em: EntityManager, o: NewConfigOptionInput, field: string): Promise<number> {
  const inserted = await em.getRepository(ConfigOption).insert({
    name: o.name,
    type: o.type,
    minQty: o.type === 'quantity' ? (o.min ?? 0) : null,
    maxQty: o.type === 'quantity' ? (o.max ?? null) : null,
    allowDowngrade: o.allowDowngrade,
  });
  const optionId = Number(inserted.identifiers[0].id);
  await insertPrices(em, 'option', optionId, o.pricing, `${field}.pricing`);
  for (const [i, choice] of (o.choices ?? []).entries()) {
    const c = await em.getRepository(ConfigOptionChoice).insert({ optionId, name: choice.name, sortOrder: i });
    await insertPrices(em, 'choice', Number(c.identifiers[0].id), choice.pricing, `${field}.choices[${i}].pricing`);
  }
  return optionId;
}

/**
 * Creates a product with its prices and options in one transaction (DESIGN §4 `POST /v1/products`).
 * Referenced rows must exist (422 `unknown_server`, `unknown_product`, `unknown_option`), and a product's
 * module must match its server's panel type (422 `server_type_mismatch`).
 */
export async function createProduct(ctx: AppContext, input: CreateProductInput): Promise<ProductResource> {
  const templateProblem = await checkUpgradeTemplate(input.upgradeEmailTemplate);
  if (templateProblem !== null) {
    throw new BusinessRuleError('unknown_email_template', `upgradeEmailTemplate: ${templateProblem}`, [
      { field: 'upgradeEmailTemplate', message: templateProblem },
    ]);
  }
  return ctx.ds.transaction(async (em) => {
    if (input.serverId !== null) {
      const server = await requireReference(em, PanelServer, input.serverId, 'serverId', 'unknown_server', 'server');
      if (input.module !== null && server.type !== input.module) {
        const message = `server ${server.id} is a ${server.type} server, the product's module is ${input.module}`;
        throw new BusinessRuleError('server_type_mismatch', `serverId: ${message}`, [{ field: 'serverId', message }]);
      }
    }
    await requireReferences(
      em,
      Product,
      input.upgradeTargets.map((id, i) => ({ id, field: `upgradeTargets[${i}]` })),
      'unknown_product',
      'product',
    );
    const links = input.configOptions.flatMap((o, i) =>
      'id' in o ? [{ id: o.id, field: `configOptions[${i}].id` }] : [],
    );
    await requireReferences(em, ConfigOption, links, 'unknown_option', 'option');

    const inserted = await em.getRepository(Product).insert({
      name: input.name,
      module: input.module,
      serverId: input.serverId,
      panelPackage: input.panelPackage,
      upgradeTargets: input.upgradeTargets,
      allowOptionUpgrades: input.allowOptionUpgrades,
      upgradeEmailTemplate: input.upgradeEmailTemplate,
      taxable: input.taxable,
    });
    const productId = Number(inserted.identifiers[0].id);
    await insertPrices(em, 'product', productId, input.pricing, 'pricing');
    const optionIds: number[] = [];
    for (const [i, o] of input.configOptions.entries()) {
      optionIds.push('id' in o ? o.id : await insertOption(em, o, `configOptions[${i}]`));
    }
    if (optionIds.length > 0)
      await em.getRepository(ProductConfigOption).insert(optionIds.map((optionId) => ({ productId, optionId })));
    return toProductResource(await loadProductDefinition(em, productId));
  });
}

export async function getProduct(ctx: AppContext, id: number): Promise<ProductResource> {
  return toProductResource(await loadProductDefinition(ctx.ds.manager, id));
}
