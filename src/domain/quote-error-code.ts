/**
 * Every error code of the quote, in the order of precedence of DESIGN §3: when several apply, the earliest
 * in this list is the one reported.
 */
export const QUOTE_ERROR_CODES = [
  'invalid_input',
  'unknown_option',
  'invalid_quantity',
  'option_downgrade_not_allowed',
  'no_change',
  'overdue',
  'price_unavailable',
] as const;

export type QuoteErrorCode = (typeof QUOTE_ERROR_CODES)[number];
