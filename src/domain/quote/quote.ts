import { QuoteError } from '../quote-error.js';
import { buildQuote } from './build-quote.js';
import { currentTerm } from './current-term.js';
import { prorateOptionsChange } from './options-change.js';
import { parseQuoteInput } from './parse-input.js';
import { prorateProductChange } from './product-change.js';
import type { Quote } from './quote-output.js';
import { resolveOptions } from './resolve-options.js';
import { computeTotals, ZERO_TOTALS } from './totals.js';

/**
 * Prices an upgrade or downgrade (DESIGN §3). Pure: the same input always gives the same Quote, whatever
 * the clock or time zone. Throws `QuoteError`; when several errors apply, the first in §3's order is
 * thrown: invalid_input, unknown_option, invalid_quantity, option_downgrade_not_allowed, no_change,
 * overdue, price_unavailable.
 */
export function quote(raw: unknown): Quote {
  const input = parseQuoteInput(raw);
  const options = resolveOptions(input);
  const { current, target } = input;
  const productChange = target.productId !== current.productId || target.cycle !== current.cycle;
  if (!productChange && options.changes.length === 0) {
    throw new QuoteError(
      'no_change',
      'target',
      'target changes nothing: it has the current product, cycle and options',
    );
  }
  const term = currentTerm(input);
  const proration = productChange
    ? prorateProductChange(input, options, term)
    : prorateOptionsChange(input, options, term);
  // A downgrade of a recurring service may wait for the end of the term: nothing is charged or credited now.
  if (input.policy.downgradeTiming === 'end-of-term' && proration.direction === 'downgrade' && term !== null) {
    return buildQuote(input, proration, ZERO_TOTALS, term.nextDue);
  }
  return buildQuote(input, proration, computeTotals(proration.credit, proration.debit, input), null);
}
