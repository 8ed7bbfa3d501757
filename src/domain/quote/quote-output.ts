import type { BillingCycle } from '../calendar/billing-cycle.js';

export interface QuoteTax {
  name: string;
  /** The rate as given in the input. */
  rate: string;
  amount: string;
}

export interface QuoteLine {
  description: string;
  credit: string;
  debit: string;
}

/** The result of `quote()` (DESIGN §3). Money is a decimal string with exactly the currency's decimals. */
export interface Quote {
  direction: 'upgrade' | 'downgrade';
  timing: 'on-payment' | 'immediate' | 'end-of-term';
  days: number | null;
  totalDays: number | null;
  newTotalDays: number | null;
  credit: string;
  debit: string;
  subtotal: string;
  discount: string;
  taxes: QuoteTax[];
  total: string;
  creditToAccount: string;
  invoiceRequired: boolean;
  newRecurringAmount: string;
  newBillingCycle: BillingCycle;
  newNextDueDate: string | null;
  effectiveDate: string | null;
  lines: QuoteLine[];
}
