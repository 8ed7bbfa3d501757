/** Every billing cycle a service can have (DESIGN §3). */
export const BILLING_CYCLES = [
  'monthly',
  'quarterly',
  'semiannually',
  'annually',
  'biennially',
  'triennially',
  'free',
  'onetime',
] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];

/**
 * The cycles a price is given for and an upgrade may move to: all but `free`, whose price is always 0 and which is
 * never a target (DESIGN §3).
 */
export const PRICED_CYCLES = BILLING_CYCLES.filter((c) => c !== 'free') as Array<PricedCycle>;
export type PricedCycle = Exclude<BillingCycle, 'free'>;

/** The cycles that renew and so have a next due date. */
export type RecurringCycle = Exclude<BillingCycle, 'free' | 'onetime'>;

const MONTHS: Readonly<Record<RecurringCycle, number>> = {
  monthly: 1,
  quarterly: 3,
  semiannually: 6,
  annually: 12,
  biennially: 24,
  triennially: 36,
};

/** Period length of each recurring cycle under the `fixed` day count. */
const FIXED_DAYS: Readonly<Record<RecurringCycle, number>> = {
  monthly: 30,
  quarterly: 90,
  semiannually: 180,
  annually: 365,
  biennially: 730,
  triennially: 1095,
};

export function isBillingCycle(value: unknown): value is BillingCycle {
  return typeof value === 'string' && (BILLING_CYCLES as readonly string[]).includes(value);
}

export function isRecurringCycle(cycle: BillingCycle): cycle is RecurringCycle {
  return cycle !== 'free' && cycle !== 'onetime';
}

/** Months in one period of a recurring cycle: monthly 1 … triennially 36. */
export function cycleMonths(cycle: RecurringCycle): number {
  const months = MONTHS[cycle];
  if (months === undefined) throw new RangeError(`cycleMonths: '${String(cycle)}' is not a recurring billing cycle`);
  return months;
}

/** Days in one period of a recurring cycle under the `fixed` day count: 30/90/180/365/730/1095. */
export function fixedCycleDays(cycle: RecurringCycle): number {
  return FIXED_DAYS[cycle];
}
