import type { BillingCycle } from '../calendar/billing-cycle.js';
import type { Rational } from '../rational.js';

export interface ProrationLine {
  description: string;
  /** Unrounded. */
  credit: Rational;
  /** Unrounded. */
  debit: Rational;
}

/** What a change credits and debits before promotion and tax, unrounded, and what the service becomes. */
export interface Proration {
  direction: 'upgrade' | 'downgrade';
  days: number | null;
  totalDays: number | null;
  newTotalDays: number | null;
  lines: ProrationLine[];
  credit: Rational;
  debit: Rational;
  newRecurring: bigint;
  newCycle: BillingCycle;
  /** Day number; null when the service will have no next due date. */
  newNextDue: number | null;
}
