import type { QuoteErrorCode } from './quote-error-code.js';

/** The JSON shape of a quote error, as printed by `upshift quote` and returned by the API. */
export interface QuoteErrorJson {
  error: { code: QuoteErrorCode; message: string };
}

/**
 * A quote that cannot be given. The message always names the input field at fault.
 *
 * A QuoteError is an answer about the input, not a fault in the code, so it carries no stack trace:
 * capturing one cost more than computing a whole quote, and refused inputs are a normal share of traffic.
 */
export class QuoteError extends Error {
  readonly code: QuoteErrorCode;
  /** Path of the offending input field, e.g. `target.productPricing.monthly` or `current.options[1].qty`. */
  readonly field: string;

  constructor(code: QuoteErrorCode, field: string, message: string) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
    this.code = code;
    this.field = field;
  }

  toJSON(): QuoteErrorJson {
    return { error: { code: this.code, message: this.message } };
  }
}
