import { shiftDayNumberMonths } from './add-months.js';
import { cycleMonths, fixedCycleDays, type RecurringCycle } from './billing-cycle.js';

/** How a period's length is counted (DESIGN §3): real calendar days, or 30/90/180/365/730/1095. */
export type DayCount = 'actual' | 'fixed';

/**
 * Days in the period of `cycle` that ends on `end` (a day number): under `actual`,
 * `end − addMonths(end, −months, anchorDay)`; under `fixed`, the cycle's nominal length.
 */
export function periodLength(cycle: RecurringCycle, end: number, anchorDay: number, dayCount: DayCount): number {
  if (dayCount === 'fixed') return fixedCycleDays(cycle);
  return end - shiftDayNumberMonths(end, -cycleMonths(cycle), anchorDay);
}

/**
 * The period of `cycle` that starts on `start` and is anchored on its day of month: its end (the new next
 * due date) and its length in days under `dayCount`. Used when a change resets the billing anchor.
 */
export function periodFrom(
  cycle: RecurringCycle,
  start: number,
  startDay: number,
  dayCount: DayCount,
): { end: number; length: number } {
  const end = shiftDayNumberMonths(start, cycleMonths(cycle), startDay);
  return { end, length: dayCount === 'fixed' ? fixedCycleDays(cycle) : end - start };
}
