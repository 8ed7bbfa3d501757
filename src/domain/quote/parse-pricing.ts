import { type BillingCycle, isBillingCycle } from '../calendar/billing-cycle.js';
import { decimalToScaledInteger } from '../decimal-string.js';
import { describeValue } from '../describe-value.js';
import { checkMoney } from '../money.js';
import type { Pricing } from './parsed-input.js';
import { fieldPath, invalid, isAbsent, type JsonObject } from './input-reader.js';

/**
 * A pricing object (`{ "monthly": "4.00" }`) in minor units. Keys must be recurring cycles or `onetime`:
 * the price at `free` is always 0, so a `free` key can only be a mistake.
 */
export function readPricing(
  object: JsonObject,
  key: string,
  parent: string,
  decimals: number,
  required: boolean,
): Pricing {
  const field = fieldPath(parent, key);
  const value = object[key];
  if (isAbsent(value)) {
    if (required) invalid(field, 'is required');
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value))
    invalid(field, `must be an object of prices by cycle, got ${describeValue(value)}`);
  const prices = value as JsonObject;
  const pricing: Pricing = {};
  for (const cycle in prices) {
    if (!isBillingCycle(cycle)) invalid(fieldPath(field, cycle), 'is not a billing cycle');
    if (cycle === 'free') invalid(fieldPath(field, cycle), 'must be left out: the price at the free cycle is always 0');
    const price = prices[cycle];
    checkMoney(price, decimals, fieldPath(field, cycle));
    if ((price as string).charCodeAt(0) === 45)
      invalid(fieldPath(field, cycle), `must not be negative, got ${describeValue(price)}`);
    pricing[cycle] = price as string;
  }
  return pricing;
}

/** The price at `cycle` in minor units, or null when the table has none. */
export function priceAt(pricing: Pricing, cycle: Exclude<BillingCycle, 'free'>, decimals: number): bigint | null {
  const text = pricing[cycle];
  if (text === undefined) return null;
  const dot = text.indexOf('.');
  return decimalToScaledInteger(text, dot < 0 ? 0 : text.length - dot - 1, decimals);
}
