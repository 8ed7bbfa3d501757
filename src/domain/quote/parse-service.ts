import { BILLING_CYCLES, type BillingCycle, isRecurringCycle } from '../calendar/billing-cycle.js';
import { anchoredDay } from '../calendar/day-number.js';
import type { ParsedCurrent, ParsedOption, ParsedTarget } from './parsed-input.js';
import {
  invalid,
  isAbsent,
  type JsonObject,
  readDate,
  readEnum,
  readInteger,
  readMoney,
  readObject,
  readOptionalInteger,
  readOptionalString,
} from './input-reader.js';
import { readPricing } from './parse-pricing.js';
import { readSelections } from './parse-selections.js';

const CURRENT_KEYS = new Set([
  'productId',
  'productName',
  'billingCycle',
  'nextDueDate',
  'anchorDay',
  'recurringAmount',
  'options',
]);
const TARGET_KEYS = new Set(['productId', 'productName', 'billingCycle', 'productPricing', 'options']);
const MAX_ID = Number.MAX_SAFE_INTEGER;

/**
 * The next due date and billing anchor of a recurring service. The anchor must agree with the date
 * (day = min(anchor, days in that month)); otherwise the period before the date would be mis-measured.
 */
function readDueDate(object: JsonObject, cycle: BillingCycle): { nextDue: number | null; anchorDay: number } {
  const anchor = readOptionalInteger(object, 'anchorDay', 'current', 1, 31);
  if (!isRecurringCycle(cycle)) {
    // free and onetime services have no next due date; a stored one is checked for form and ignored.
    if (!isAbsent(object.nextDueDate)) readDate(object, 'nextDueDate', 'current');
    return { nextDue: null, anchorDay: anchor ?? 1 };
  }
  if (isAbsent(object.nextDueDate)) invalid('current.nextDueDate', `is required for a ${cycle} service`);
  const due = readDate(object, 'nextDueDate', 'current');
  if (anchor === undefined) return { nextDue: due.dayNumber, anchorDay: due.day };
  const expected = anchoredDay(due.year, due.month, anchor);
  if (expected !== due.day) {
    invalid(
      'current.anchorDay',
      `${anchor} does not match current.nextDueDate ${due.text}: a service anchored on day ${anchor} is due on day ${expected} of that month`,
    );
  }
  return { nextDue: due.dayNumber, anchorDay: anchor };
}

export function readCurrent(root: JsonObject, decimals: number, options: Map<number, ParsedOption>): ParsedCurrent {
  const object = readObject(root.current, 'current', CURRENT_KEYS);
  const productId = readInteger(object, 'productId', 'current', 1, MAX_ID);
  const productName = readOptionalString(object, 'productName', 'current') ?? `Product ${productId}`;
  const cycle = readEnum(object, 'billingCycle', 'current', BILLING_CYCLES);
  const { nextDue, anchorDay } = readDueDate(object, cycle);
  const recurring = readMoney(object, 'recurringAmount', 'current', decimals);
  return {
    productId,
    productName,
    cycle,
    nextDue,
    anchorDay,
    recurring,
    selections: readSelections(object, 'current', options),
  };
}

/** The target cycle: recurring or onetime, never free; omitted, it is the current one. */
function readTargetCycle(object: JsonObject, current: ParsedCurrent, productId: number): BillingCycle {
  if (isAbsent(object.billingCycle)) {
    if (current.cycle === 'free' && productId !== current.productId) {
      invalid(
        'target.billingCycle',
        'is required: the service is free, and a new product needs a recurring or onetime cycle',
      );
    }
    return current.cycle;
  }
  const cycle = readEnum(object, 'billingCycle', 'target', BILLING_CYCLES);
  if (cycle === 'free') invalid('target.billingCycle', 'must be a recurring cycle or onetime, not free');
  return cycle;
}

export function readTarget(
  root: JsonObject,
  decimals: number,
  options: Map<number, ParsedOption>,
  current: ParsedCurrent,
): ParsedTarget {
  const object = readObject(root.target, 'target', TARGET_KEYS);
  const productId = readOptionalInteger(object, 'productId', 'target', 1, MAX_ID) ?? current.productId;
  const givenName = readOptionalString(object, 'productName', 'target');
  const productName = givenName ?? (productId === current.productId ? current.productName : `Product ${productId}`);
  const cycle = readTargetCycle(object, current, productId);
  const pricing = readPricing(object, 'productPricing', 'target', decimals, false);
  return { productId, productName, cycle, pricing, selections: readSelections(object, 'target', options) };
}
