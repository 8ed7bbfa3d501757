import type { BillingCycle } from '../calendar/billing-cycle.js';
import type { DayCount } from '../calendar/period-length.js';

/** Prices by cycle, as decimal strings: `{ "monthly": "4.00", "annually": "40.00" }`. No `free` key. */
export type PricingInput = Partial<Record<Exclude<BillingCycle, 'free'>, string>>;

export type OptionType = 'quantity' | 'yesno' | 'dropdown' | 'radio';

export interface OptionChoiceInput {
  id: number;
  name: string;
  pricing: PricingInput;
}

/** A configurable option's definition. */
export interface OptionDefinitionInput {
  id: number;
  name: string;
  type: OptionType;
  /** Lowest quantity (quantity options only). Default 0. */
  min?: number;
  /** Highest quantity (quantity options only). Default: no limit. */
  max?: number;
  /** Whether a cheaper choice or a lower quantity may be selected. Default true. */
  allowDowngrade?: boolean;
  /** Unit price by cycle (quantity and yesno options only; required for them). */
  pricing?: PricingInput;
  /** The choices (dropdown and radio options only; required for them). */
  choices?: OptionChoiceInput[];
}

/** One option's selection: `qty` for quantity and yesno (0 or 1), `choiceId` for dropdown and radio. */
export interface OptionSelectionInput {
  optionId: number;
  qty?: number;
  choiceId?: number;
}

export interface QuotePolicyInput {
  /** Default `actual`. */
  dayCount?: DayCount;
  /** Default `keep`. */
  billingAnchor?: 'keep' | 'reset' | 'reset-on-cycle-change';
  /** Default `immediate`. */
  downgradeTiming?: 'immediate' | 'end-of-term';
  /** Default true. */
  creditOnDowngrade?: boolean;
}

export interface PromotionInput {
  code?: string;
  type: 'percent' | 'fixed';
  /** Percent (0–100) or a fixed amount in the currency. */
  value: string;
  /** Default true. */
  appliesToUpgrades?: boolean;
}

export interface LifetimePromotionInput {
  code?: string;
  type: 'percent' | 'fixed';
  value: string;
}

export interface TaxRateInput {
  name: string;
  /** Percent, e.g. "20" or "7.5". */
  rate: string;
}

export interface TaxInput {
  /** Default true. */
  taxable?: boolean;
  /** Default false. Inclusive tax allows one rate only. */
  inclusive?: boolean;
  /** Default false: the second level is charged on the base, not on base + first level. */
  compound?: boolean;
  /** Zero, one or two levels. */
  rates: TaxRateInput[];
}

/** The service as it is now. */
export interface CurrentServiceInput {
  productId: number;
  /** Used in line descriptions; default `Product <id>`. */
  productName?: string;
  billingCycle: BillingCycle;
  /** Required for a recurring cycle; ignored for `free` and `onetime`. */
  nextDueDate?: string | null;
  /** Day of month the service is billed on, 1–31. Default: the day of `nextDueDate`. */
  anchorDay?: number | null;
  recurringAmount: string;
  options?: OptionSelectionInput[];
}

/** What the service should become. Omitted fields keep their current value. */
export interface TargetServiceInput {
  productId?: number;
  productName?: string;
  billingCycle?: Exclude<BillingCycle, 'free'>;
  /** Required (for the target cycle) when the product or cycle changes. */
  productPricing?: PricingInput;
  /** Changed selections only. */
  options?: OptionSelectionInput[];
}

/** The input of `quote()` and of `upshift quote` (DESIGN §3). Optional objects may also be `null`. */
export interface QuoteInput {
  asOf: string;
  currency?: { code?: string; decimals?: number } | null;
  policy?: QuotePolicyInput | null;
  options?: OptionDefinitionInput[] | null;
  current: CurrentServiceInput;
  target: TargetServiceInput;
  promotion?: PromotionInput | null;
  lifetimePromotion?: LifetimePromotionInput | null;
  tax?: TaxInput | null;
}
