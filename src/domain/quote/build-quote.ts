import { dayNumberToIsoDate } from '../calendar/iso-date.js';
import { formatMoney } from '../money.js';
import { roundRational } from '../rational.js';
import type { ParsedInput } from './parsed-input.js';
import type { Proration } from './proration.js';
import type { Quote } from './quote-output.js';
import type { Totals } from './totals.js';

function isoDateOrNull(dayNumber: number | null): string | null {
  return dayNumber === null ? null : dayNumberToIsoDate(dayNumber);
}

/**
 * The Quote object of DESIGN §3, in its field order. `endOfTerm` is the due date of a downgrade deferred
 * to the end of the term (nothing charged or credited now), or null.
 */
export function buildQuote(input: ParsedInput, proration: Proration, totals: Totals, endOfTerm: number | null): Quote {
  const decimals = input.decimals;
  const money = (minor: bigint): string => formatMoney(minor, decimals);
  const zero = money(0n);
  const due = totals.total > 0n;
  const effective = endOfTerm ?? (due ? null : input.asOf);
  return {
    direction: proration.direction,
    timing: endOfTerm !== null ? 'end-of-term' : due ? 'on-payment' : 'immediate',
    days: proration.days,
    totalDays: proration.totalDays,
    newTotalDays: proration.newTotalDays,
    credit: money(totals.credit),
    debit: money(totals.debit),
    subtotal: money(totals.subtotal),
    discount: money(totals.discount),
    taxes: totals.taxes.map((tax) => ({ name: tax.name, rate: tax.rateText, amount: money(tax.amount) })),
    total: money(totals.total),
    creditToAccount: money(totals.creditToAccount),
    invoiceRequired: due,
    newRecurringAmount: money(proration.newRecurring),
    newBillingCycle: proration.newCycle,
    newNextDueDate: isoDateOrNull(endOfTerm ?? proration.newNextDue),
    effectiveDate: isoDateOrNull(effective),
    lines: proration.lines.map((line) => ({
      description: line.description,
      credit: endOfTerm === null ? money(roundRational(line.credit)) : zero,
      debit: endOfTerm === null ? money(roundRational(line.debit)) : zero,
    })),
  };
}
