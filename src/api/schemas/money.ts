import { z } from 'zod';
import { MONEY_RANGE_MESSAGE, withinMoneyRange } from '../../domain/money.js';

/**
 * A decimal amount as a string (DESIGN §3): `"10"`, `"10.5"`, `"-3.25"`. Never a JSON number (no floats), and at
 * most 13 digits before the point (larger amounts do not fit the BIGINT minor-unit columns).
 */
export const moneyString = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string such as "10.00"').refine(withinMoneyRange, MONEY_RANGE_MESSAGE);

/** A price or other amount that cannot be negative. */
export const nonNegativeMoneyString = moneyString.refine((v) => !v.startsWith('-'), 'must not be negative');

/** Digits after the decimal point of a {@link moneyString}. */
export function fractionDigits(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

/** The message used whenever an amount has more decimals than its currency allows. */
export function tooManyDecimalsMessage(currency: string, decimals: number): string {
  return `${currency} amounts have at most ${decimals} decimal${decimals === 1 ? '' : 's'}`;
}
