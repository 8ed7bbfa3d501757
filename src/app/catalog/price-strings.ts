import { BILLING_CYCLES } from '../../domain/calendar/billing-cycle.js';
import { toMoneyString } from './catalog-money.js';
import type { PriceTable } from './product-definition.js';

const cycleOrder = (cycle: string) => (BILLING_CYCLES as readonly string[]).indexOf(cycle);

/** One currency's prices as money strings by cycle, cycles in calendar order: `{ monthly: "4.00" }`. */
export function cyclePriceStrings(table: PriceTable, currency: string): Record<string, string> {
  const byCycle = table[currency] ?? {};
  const out: Record<string, string> = {};
  for (const cycle of Object.keys(byCycle).sort((a, b) => cycleOrder(a) - cycleOrder(b))) {
    out[cycle] = toMoneyString(byCycle[cycle], currency);
  }
  return out;
}

/** Every currency's prices as money strings: `{ USD: { monthly: "4.00" }, EUR: { … } }`, currencies sorted. */
export function currencyPriceStrings(table: PriceTable): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const currency of Object.keys(table).sort()) out[currency] = cyclePriceStrings(table, currency);
  return out;
}
