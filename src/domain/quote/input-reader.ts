import { parseIsoDate } from '../calendar/iso-date.js';
import { dayNumberFromCivil } from '../calendar/day-number.js';
import { decimalScale, decimalToScaledInteger } from '../decimal-string.js';
import { describeValue } from '../describe-value.js';
import { parseMoney } from '../money.js';
import { QuoteError } from '../quote-error.js';
import type { Rational } from '../rational.js';

/**
 * Field readers for the quote input. Each one checks one field of a JSON object and throws
 * `invalid_input` with the field's full path (`target.productPricing.monthly`). `null` counts as absent
 * for optional fields, because front-ends serialise missing database values that way.
 */

export type JsonObject = Record<string, unknown>;

export function fieldPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

export function invalid(field: string, problem: string): never {
  throw new QuoteError('invalid_input', field, `${field} ${problem}`);
}

export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/**
 * The value at `field` (`''` for the input itself) as an object with no keys outside `keys`. Unknown keys are refused: a misspelt
 * optional field (`anchorday`) would otherwise be ignored silently and change the price.
 */
export function readObject(value: unknown, field: string, keys: ReadonlySet<string>): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(field === '' ? 'input' : field, `must be a JSON object, got ${describeValue(value)}`);
  }
  const object = value as JsonObject;
  for (const key in object) {
    if (!keys.has(key)) invalid(fieldPath(field, key), 'is not a known field');
  }
  return object;
}

export function readArray(object: JsonObject, key: string, parent: string): unknown[] {
  const value = object[key];
  if (isAbsent(value)) return [];
  if (!Array.isArray(value)) invalid(fieldPath(parent, key), `must be an array, got ${describeValue(value)}`);
  return value;
}

export function readString(object: JsonObject, key: string, parent: string): string {
  const value = object[key];
  if (typeof value !== 'string' || value.trim() === '') {
    invalid(fieldPath(parent, key), `must be a non-empty string, got ${describeValue(value)}`);
  }
  return value;
}

export function readOptionalString(object: JsonObject, key: string, parent: string): string | undefined {
  return isAbsent(object[key]) ? undefined : readString(object, key, parent);
}

export function readInteger(object: JsonObject, key: string, parent: string, min: number, max: number): number {
  const value = object[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    invalid(fieldPath(parent, key), `must be an integer, got ${describeValue(value)}`);
  }
  if (value < min || value > max) invalid(fieldPath(parent, key), `must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function readOptionalInteger(
  object: JsonObject,
  key: string,
  parent: string,
  min: number,
  max: number,
): number | undefined {
  return isAbsent(object[key]) ? undefined : readInteger(object, key, parent, min, max);
}

export function readBoolean(object: JsonObject, key: string, parent: string, fallback: boolean): boolean {
  const value = object[key];
  if (isAbsent(value)) return fallback;
  if (typeof value !== 'boolean') invalid(fieldPath(parent, key), `must be true or false, got ${describeValue(value)}`);
  return value;
}

/** One of `values`; `fallback` when absent, or required when `fallback` is undefined. */
export function readEnum<T extends string>(
  object: JsonObject,
  key: string,
  parent: string,
  values: readonly T[],
  fallback?: T,
): T {
  const value = object[key];
  if (isAbsent(value) && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    invalid(fieldPath(parent, key), `must be one of ${values.join(', ')}, got ${describeValue(value)}`);
  }
  return value as T;
}

/** A non-negative money string in minor units; `parseMoney` refuses more decimals than the currency has. */
export function readMoney(object: JsonObject, key: string, parent: string, decimals: number): bigint {
  const field = fieldPath(parent, key);
  const minor = parseMoney(object[key] as string, decimals, field);
  if (minor < 0n) invalid(field, `must not be negative, got ${describeValue(object[key])}`);
  return minor;
}

export interface DateField {
  text: string;
  /** Days since 1970-01-01. */
  dayNumber: number;
  year: number;
  month: number;
  day: number;
}

export function readDate(object: JsonObject, key: string, parent: string): DateField {
  const value = object[key];
  const civil = typeof value === 'string' ? parseIsoDate(value) : null;
  if (civil === null) invalid(fieldPath(parent, key), `must be a YYYY-MM-DD date, got ${describeValue(value)}`);
  const { year, month, day } = civil;
  return { text: value as string, dayNumber: dayNumberFromCivil(year, month, day), year, month, day };
}

/** A non-negative decimal string as an exact fraction (`"7.5"` → 75/10), at most `max`. */
export function readDecimal(object: JsonObject, key: string, parent: string, max: bigint | null): Rational {
  const value = object[key];
  const scale = typeof value === 'string' ? decimalScale(value, false) : -1;
  if (scale < 0)
    invalid(
      fieldPath(parent, key),
      `must be a non-negative decimal string such as "20" or "7.5", got ${describeValue(value)}`,
    );
  const n = decimalToScaledInteger(value as string, scale, scale);
  const d = 10n ** BigInt(scale);
  if (max !== null && n > max * d)
    invalid(fieldPath(parent, key), `must be at most ${max}, got ${describeValue(value)}`);
  return { n, d };
}
