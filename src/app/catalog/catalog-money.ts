import { currencyDecimals } from '../../domain/currencies.js';
import { formatMoney, parseMoney } from '../../domain/money.js';
import { ValidationError } from '../errors.js';
import { BILLING_CYCLES } from '../../domain/calendar/billing-cycle.js';
import type { PriceTable } from './product-definition.js';

/** Minor-unit digits of a stored currency; a row in an unsupported currency is a data error, not user input. */
export function decimalsOf(currency: string): number {
  const decimals = currencyDecimals(currency);
  if (decimals === undefined) throw new Error(`unsupported currency in stored data: ${currency}`);
  return decimals;
}

/** A decimal string in `currency` → minor units; too many decimals or a malformed amount is a 400 naming `field`. */
export function toMinorUnits(value: string, currency: string, field: string): bigint {
  const decimals = currencyDecimals(currency);
  if (decimals === undefined)
    throw new ValidationError(`${field}: unsupported currency ${currency}`, [
      { field, message: `unsupported currency ${currency}` },
    ]);
  try {
    return parseMoney(value, decimals, field);
  } catch (err) {
    const message = (err as Error).message;
    throw new ValidationError(message, [{ field, message }]);
  }
}

/** Minor units → the decimal string the API returns ("10.50", "1000" for JPY). */
export function toMoneyString(minor: bigint, currency: string): string {
  return formatMoney(minor, decimalsOf(currency));
}

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
