export { addMonths } from './add-months.js';
export {
  BILLING_CYCLES,
  type BillingCycle,
  PRICED_CYCLES,
  type PricedCycle,
  cycleMonths,
  fixedCycleDays,
  isBillingCycle,
  isRecurringCycle,
  type RecurringCycle,
} from './billing-cycle.js';
export { daysInMonth, isLeapYear } from './day-number.js';
export { dayNumberToIsoDate, isoDateToDayNumber } from './iso-date.js';
export { type DayCount, periodLength } from './period-length.js';
