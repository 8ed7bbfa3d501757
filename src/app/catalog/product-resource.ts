import type { ConfigOptionType } from '../../db/entities/config-option.entity.js';
import type { PanelType } from '../../db/entities/panel-server.entity.js';
import { currencyPriceStrings } from './price-strings.js';
import type { OptionDefinition, ProductDefinition } from './product-definition.js';

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
    return { ...base, allowDowngrade: o.allowDowngrade, choices: o.choices.map((c) => ({ id: c.id, name: c.name, pricing: currencyPriceStrings(c.prices) })) };
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
