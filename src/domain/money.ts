import { decimalScale, decimalToScaledInteger } from './decimal-string.js';
import { describeValue } from './describe-value.js';
import { QuoteError } from './quote-error.js';

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0)
    throw new RangeError(`money: decimals must be a whole number ≥ 0, got ${decimals}`);
}

/**
 * Most digits an amount given to the API may have before the decimal point. Amounts are stored as BIGINT minor
 * units (at most 9.2 × 10^18); 13 digits with up to 4 decimals stay below 10^17, which leaves room for sums.
 */
export const MAX_MONEY_INTEGER_DIGITS = 13;

/** True when a decimal string has at most {@link MAX_MONEY_INTEGER_DIGITS} digits before the point. */
export function withinMoneyRange(value: string): boolean {
  return (
    value
      .replace(/^-/, '')
      .split('.')[0]
      .replace(/^0+(?=\d)/, '').length <= MAX_MONEY_INTEGER_DIGITS
  );
}

/** The message for an amount over {@link MAX_MONEY_INTEGER_DIGITS}. */
export const MONEY_RANGE_MESSAGE = `is too large: at most ${MAX_MONEY_INTEGER_DIGITS} digits before the decimal point`;

/**
 * Checks that `value` is a decimal money string with at most `decimals` digits after the point and returns
 * its scale (digits after the point). Throws `QuoteError('invalid_input')` naming `field`.
 */
export function checkMoney(value: unknown, decimals: number, field: string): number {
  const scale = typeof value === 'string' ? decimalScale(value, true) : -1;
  if (scale < 0)
    throw new QuoteError(
      'invalid_input',
      field,
      `${field} must be a decimal string such as "10.50", got ${describeValue(value)}`,
    );
  if (scale > decimals)
    throw new QuoteError(
      'invalid_input',
      field,
      `${field} has more than ${decimals} decimals: ${describeValue(value)}`,
    );
  return scale;
}

/**
 * Parses a decimal money string ("10", "10.5", "-3.25") into integer minor units of a currency with
 * `decimals` digits after the point. Fewer digits are padded; more digits than the currency has are
 * refused, never rounded. Throws `QuoteError('invalid_input')` naming `field`.
 */
export function parseMoney(value: string, decimals: number, field: string): bigint {
  checkDecimals(decimals);
  return decimalToScaledInteger(value, checkMoney(value, decimals, field), decimals);
}

/** Formats integer minor units with exactly `decimals` digits after the point: "10.50", "-3.00", "0.05"; "10" for 0. */
export function formatMoney(minor: bigint, decimals: number): string {
  checkDecimals(decimals);
  const negative = minor < 0n;
  let digits = (negative ? -minor : minor).toString();
  if (decimals === 0) return negative ? `-${digits}` : digits;
  if (digits.length <= decimals) digits = '0'.repeat(decimals + 1 - digits.length) + digits;
  const cut = digits.length - decimals;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}
