import { z } from 'zod';
import { isoDateToDayNumber } from '../../domain/calendar/iso-date.js';
import { isSupportedCurrency } from '../../domain/currencies.js';
import { MONEY_RANGE_MESSAGE, withinMoneyRange } from '../../domain/money.js';
import { BILLING_CYCLES, PRICED_CYCLES } from '../../domain/calendar/billing-cycle.js';
import { MAX_OPTION_QTY } from '../../domain/option-quantity.js';

/** Largest id an `INT UNSIGNED` column holds. */
const MAX_ID = 4_294_967_295;

/** A row id in a JSON body: a positive integer. */
export const positiveId = z
  .number()
  .int('must be a whole number')
  .positive('must be a positive id')
  .max(MAX_ID, 'is too large');

/** Largest id an `INT UNSIGNED` column holds (the upper bound of {@link positiveId} and {@link idSegment}). */
export const MAX_ROW_ID = MAX_ID;

/** A row id in a path segment (`/v1/servers/:id`): digits only, converted to a number. */
export const idSegment = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'must be a positive integer id')
  .transform(Number)
  .pipe(z.number().int().positive().max(MAX_ID, 'is too large'));

/** Params of every `/…/:id` route. */
export const idParams = z.object({ id: idSegment });

/** A calendar date `YYYY-MM-DD` that exists (no 2025-02-30). */
export const calendarDate = z
  .string()
  .refine((v) => isoDateToDayNumber(v) !== null, 'must be a real date as YYYY-MM-DD')
  .meta({ format: 'date', description: 'A calendar date, YYYY-MM-DD', examples: ['2025-03-01'] });

/** An ISO 4217 code Upshift knows the minor-unit digits of (src/domain/currencies.ts). */
export const currencyCode = z
  .string()
  .refine(isSupportedCurrency, 'must be a supported ISO 4217 currency code such as USD')
  .meta({ description: 'ISO 4217 currency code', examples: ['USD'] });

/**
 * A decimal amount as a string (DESIGN §3): `"10"`, `"10.5"`, `"-3.25"`. Never a JSON number (no floats), and at
 * most 13 digits before the point (larger amounts do not fit the BIGINT minor-unit columns).
 */
export const moneyString = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string such as "10.00"')
  .refine(withinMoneyRange, MONEY_RANGE_MESSAGE)
  .meta({
    description:
      "Money as a decimal string in the resource's currency, at most the currency's decimals (never a JSON number)",
    examples: ['10.00'],
  });

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

/** Every billing cycle (DESIGN §3): monthly … triennially, `free` and `onetime`. */
export const billingCycle = z.enum(BILLING_CYCLES, { error: `must be one of ${BILLING_CYCLES.join(', ')}` });

/** A cycle a price is given for, or an upgrade moves to: all but `free` (its price is always 0). */
export const pricedCycle = z.enum(PRICED_CYCLES, {
  error: `must be one of ${PRICED_CYCLES.join(', ')} (the price at free is always 0)`,
});

/** One option selection (DESIGN §3): `choiceId` for dropdown/radio, `qty` for yesno/quantity. */
export const optionSelection = z
  .strictObject({
    optionId: positiveId,
    choiceId: positiveId.optional(),
    qty: z.number().int('must be a whole number').min(0, 'must not be negative').max(MAX_OPTION_QTY).optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.choiceId === undefined) === (s.qty === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['qty'],
        message: 'give exactly one of choiceId (dropdown, radio) or qty (yesno, quantity)',
      });
    }
  });

/** Adds an issue for every repeated non-null value of a list. */
export function reportDuplicates(
  values: ReadonlyArray<number | null>,
  path: string,
  ctx: z.RefinementCtx,
  key?: string,
): void {
  const seen = new Set<number>();
  values.forEach((v, i) => {
    if (v === null) return;
    if (seen.has(v))
      ctx.addIssue({ code: 'custom', path: key ? [path, i, key] : [path, i], message: `${v} is listed twice` });
    seen.add(v);
  });
}
