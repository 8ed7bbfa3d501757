import { isRecurringCycle, type RecurringCycle } from '../calendar/billing-cycle.js';
import { dayNumberToIsoDate } from '../calendar/iso-date.js';
import { periodLength } from '../calendar/period-length.js';
import { QuoteError } from '../quote-error.js';
import type { ParsedInput } from './parsed-input.js';

/** Where a recurring service stands on `asOf`: the days left and the length of the current period. */
export interface CurrentTerm {
  cycle: RecurringCycle;
  nextDue: number;
  anchorDay: number;
  /** nextDueDate − asOf. */
  days: number;
  /** Length of the current period (`oldTotal`). */
  totalDays: number;
}

/** The current term of a recurring service, null for `free` and `onetime`; `overdue` when asOf is after the due date. */
export function currentTerm(input: ParsedInput): CurrentTerm | null {
  const { cycle, nextDue, anchorDay } = input.current;
  if (!isRecurringCycle(cycle) || nextDue === null) return null;
  if (input.asOf > nextDue) {
    throw new QuoteError(
      'overdue',
      'asOf',
      `asOf ${dayNumberToIsoDate(input.asOf)} is after current.nextDueDate ${dayNumberToIsoDate(nextDue)}: the service is overdue, renew it first`,
    );
  }
  return {
    cycle,
    nextDue,
    anchorDay,
    days: nextDue - input.asOf,
    totalDays: periodLength(cycle, nextDue, anchorDay, input.policy.dayCount),
  };
}
