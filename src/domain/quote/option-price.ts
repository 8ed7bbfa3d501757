import type { BillingCycle } from '../calendar/billing-cycle.js';
import { QuoteError } from '../quote-error.js';
import type { OptionValue } from './option-value.js';
import { priceAt } from './parse-pricing.js';

/**
 * The price of an option value at a cycle, in minor units (DESIGN §3): dropdown/radio = the choice's price,
 * yes/no and quantity = unit price × qty, anything at `free` = 0, nothing selected = 0. Null when the price
 * it needs is not defined.
 */
export function findOptionPrice(value: OptionValue, cycle: BillingCycle, decimals: number): bigint | null {
  if (cycle === 'free') return 0n;
  if (value.choice !== null) return priceAt(value.choice.pricing, cycle, decimals);
  if (value.qty === 0 || value.option.pricing === null) return 0n;
  const unit = priceAt(value.option.pricing, cycle, decimals);
  return unit === null ? null : unit * BigInt(value.qty);
}

/** {@link findOptionPrice}, or `price_unavailable` naming the missing price. */
export function optionPrice(value: OptionValue, cycle: BillingCycle, decimals: number): bigint {
  const price = findOptionPrice(value, cycle, decimals);
  if (price !== null) return price;
  const owner = value.choice ?? value.option;
  const field = `${owner.field}.pricing.${cycle}`;
  const what =
    value.choice === null
      ? `option ${value.option.id} (${value.option.name})`
      : `choice ${value.choice.id} (${value.choice.name}) of option ${value.option.id}`;
  throw new QuoteError('price_unavailable', field, `${field} is not defined: ${what} has no ${cycle} price`);
}
