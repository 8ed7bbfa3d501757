import { anchoredDay, type CivilDate, civilFromDayNumber, dayNumberFromCivil } from './day-number.js';
import { formatCivilDate, parseIsoDate } from './iso-date.js';

/**
 * Moves a date by `months` and sets the day to `min(anchorDay, days in that month)` (DESIGN §3). The anchor
 * is what keeps a 31st-anchored service on Jan 31 → Feb 28 (29) → Mar 31 instead of drifting to the 28th.
 */
export function shiftCivilMonths(date: CivilDate, months: number, anchorDay: number): CivilDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: anchoredDay(year, month, anchorDay) };
}

/** {@link shiftCivilMonths} on day numbers; the quote's internal form. */
export function shiftDayNumberMonths(dayNumber: number, months: number, anchorDay: number): number {
  const shifted = shiftCivilMonths(civilFromDayNumber(dayNumber), months, anchorDay);
  return dayNumberFromCivil(shifted.year, shifted.month, shifted.day);
}

/**
 * `addMonths("2025-01-31", 1, 31)` → `"2025-02-28"`; `addMonths("2025-02-28", 1, 31)` → `"2025-03-31"`.
 * `n` may be negative. Throws RangeError for a malformed date, a non-integer `n`, an `anchorDay` outside
 * 1–31, or a result outside years 0001–9999.
 */
export function addMonths(date: string, n: number, anchorDay: number): string {
  const civil = parseIsoDate(date);
  if (civil === null) throw new RangeError(`addMonths: ${JSON.stringify(date)} is not a YYYY-MM-DD date`);
  if (!Number.isSafeInteger(n)) throw new RangeError(`addMonths: n must be an integer, got ${n}`);
  if (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 31) {
    throw new RangeError(`addMonths: anchorDay must be 1–31, got ${anchorDay}`);
  }
  const shifted = shiftCivilMonths(civil, n, anchorDay);
  if (shifted.year < 1 || shifted.year > 9999)
    throw new RangeError(`addMonths: ${date} + ${n} months leaves years 0001–9999`);
  return formatCivilDate(shifted);
}
