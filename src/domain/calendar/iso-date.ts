import { civilFromDayNumber, type CivilDate, dayNumberFromCivil, daysInMonth } from './day-number.js';

function digit(text: string, index: number): number {
  const d = text.charCodeAt(index) - 48;
  return d >= 0 && d <= 9 ? d : -1000;
}

/**
 * Reads a `YYYY-MM-DD` calendar date (year 0001–9999, a real day of that month), or returns null.
 * Scanned by hand: every quote reads two or three dates.
 */
export function parseIsoDate(text: string): CivilDate | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** The day number of a valid `YYYY-MM-DD` date, or null. */
export function isoDateToDayNumber(text: string): number | null {
  const date = parseIsoDate(text);
  return date === null ? null : dayNumberFromCivil(date.year, date.month, date.day);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function formatCivilDate(date: CivilDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function dayNumberToIsoDate(dayNumber: number): string {
  return formatCivilDate(civilFromDayNumber(dayNumber));
}
