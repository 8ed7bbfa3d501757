export * from './calendar/index.js';
export { formatMoney, parseMoney } from './money.js';
export { quote } from './quote/index.js';
export type * from './quote/index.js';
export { QuoteError, type QuoteErrorJson } from './quote-error.js';
export { QUOTE_ERROR_CODES, type QuoteErrorCode } from './quote-error-code.js';
