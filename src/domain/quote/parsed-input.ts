import type { BillingCycle } from '../calendar/billing-cycle.js';
import type { DayCount } from '../calendar/period-length.js';
import type { Rational } from '../rational.js';
import type { OptionType } from './quote-input.js';

/**
 * Checked price strings by cycle. A quote uses one or two prices of each pricing table, so they become
 * minor units only when used (`priceAt`).
 */
export type Pricing = Partial<Record<Exclude<BillingCycle, 'free'>, string>>;

export interface ParsedChoice {
  id: number;
  name: string;
  pricing: Pricing;
  /** Input path of this choice, for messages: `options[2].choices[0]`. */
  field: string;
}

export interface ParsedOption {
  id: number;
  name: string;
  type: OptionType;
  min: number;
  max: number;
  allowDowngrade: boolean;
  /** Unit price (quantity, yesno); null for dropdown and radio. */
  pricing: Pricing | null;
  /** Choices by id (dropdown, radio); null for quantity and yesno. */
  choices: Map<number, ParsedChoice> | null;
  field: string;
}

/** A selection as read from `current.options` or `target.options`, before the ids are resolved. */
export interface ParsedSelection {
  optionId: number;
  /** Quantity for quantity and yesno options; 0 otherwise. */
  qty: number;
  /** Choice for dropdown and radio options; null otherwise. */
  choiceId: number | null;
  field: string;
}

export interface ParsedPolicy {
  dayCount: DayCount;
  billingAnchor: 'keep' | 'reset' | 'reset-on-cycle-change';
  downgradeTiming: 'immediate' | 'end-of-term';
  creditOnDowngrade: boolean;
}

/** A percent as an exact fraction of 100 (`"12.5"` → 125/10), or a fixed amount in minor units. */
export type Adjustment = { type: 'percent'; percent: Rational } | { type: 'fixed'; amount: bigint };

export interface ParsedPromotion {
  adjustment: Adjustment;
  appliesToUpgrades: boolean;
}

export interface ParsedTaxRate {
  name: string;
  rateText: string;
  rate: Rational;
}

export interface ParsedTax {
  taxable: boolean;
  inclusive: boolean;
  compound: boolean;
  rates: ParsedTaxRate[];
}

export interface ParsedCurrent {
  productId: number;
  productName: string;
  cycle: BillingCycle;
  /** Day number of the next due date; null for `free` and `onetime`. */
  nextDue: number | null;
  anchorDay: number;
  recurring: bigint;
  selections: ParsedSelection[];
}

export interface ParsedTarget {
  productId: number;
  productName: string;
  cycle: BillingCycle;
  pricing: Pricing;
  selections: ParsedSelection[];
}

/** The quote input after `invalid_input` checks: typed, defaulted, money in minor units, dates as day numbers. */
export interface ParsedInput {
  asOf: number;
  /** Day of month of `asOf`: the anchor of a reset period. */
  asOfDay: number;
  decimals: number;
  policy: ParsedPolicy;
  options: Map<number, ParsedOption>;
  current: ParsedCurrent;
  target: ParsedTarget;
  promotion: ParsedPromotion | null;
  lifetimePromotion: Adjustment | null;
  tax: ParsedTax | null;
}
