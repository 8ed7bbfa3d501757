import type { Adjustment, ParsedPromotion, ParsedTax, ParsedTaxRate } from './parsed-input.js';
import {
  fieldPath,
  invalid,
  isAbsent,
  type JsonObject,
  readArray,
  readBoolean,
  readDecimal,
  readEnum,
  readMoney,
  readObject,
  readOptionalString,
  readString,
} from './input-reader.js';

const PROMOTION_KEYS = new Set(['code', 'type', 'value', 'appliesToUpgrades']);
const LIFETIME_KEYS = new Set(['code', 'type', 'value']);
const TAX_KEYS = new Set(['taxable', 'inclusive', 'compound', 'rates']);
const RATE_KEYS = new Set(['name', 'rate']);
const ADJUSTMENT_TYPES = ['percent', 'fixed'] as const;

function readAdjustment(object: JsonObject, field: string, decimals: number): Adjustment {
  readOptionalString(object, 'code', field);
  const type = readEnum(object, 'type', field, ADJUSTMENT_TYPES);
  if (type === 'percent') return { type, percent: readDecimal(object, 'value', field, 100n) };
  return { type, amount: readMoney(object, 'value', field, decimals) };
}

/** `promotion`: a discount on the upgrade's subtotal. */
export function readPromotion(root: JsonObject, decimals: number): ParsedPromotion | null {
  if (isAbsent(root.promotion)) return null;
  const object = readObject(root.promotion, 'promotion', PROMOTION_KEYS);
  return {
    adjustment: readAdjustment(object, 'promotion', decimals),
    appliesToUpgrades: readBoolean(object, 'appliesToUpgrades', 'promotion', true),
  };
}

/** `lifetimePromotion`: a recurring discount on the new full price. */
export function readLifetimePromotion(root: JsonObject, decimals: number): Adjustment | null {
  if (isAbsent(root.lifetimePromotion)) return null;
  return readAdjustment(
    readObject(root.lifetimePromotion, 'lifetimePromotion', LIFETIME_KEYS),
    'lifetimePromotion',
    decimals,
  );
}

/** `tax`: up to two levels; inclusive tax has exactly one rate. */
export function readTax(root: JsonObject): ParsedTax | null {
  if (isAbsent(root.tax)) return null;
  const tax = readObject(root.tax, 'tax', TAX_KEYS);
  const taxable = readBoolean(tax, 'taxable', 'tax', true);
  const inclusive = readBoolean(tax, 'inclusive', 'tax', false);
  const compound = readBoolean(tax, 'compound', 'tax', false);
  if (isAbsent(tax.rates)) invalid('tax.rates', 'is required');
  const list = readArray(tax, 'rates', 'tax');
  if (list.length > 2) invalid('tax.rates', `has ${list.length} rates; two levels at most`);
  if (inclusive && list.length > 1) invalid('tax.rates', 'has two rates; inclusive tax allows one rate only');
  const rates: ParsedTaxRate[] = [];
  for (let i = 0; i < list.length; i++) {
    const field = fieldPath('tax', `rates[${i}]`);
    const rate = readObject(list[i], field, RATE_KEYS);
    rates.push({
      name: readString(rate, 'name', field),
      rateText: rate.rate as string,
      rate: readDecimal(rate, 'rate', field, null),
    });
  }
  return { taxable, inclusive, compound, rates };
}
