import { QuoteError } from '../../domain/quote-error.js';
import { BusinessRuleError, ValidationError, type AppError } from '../errors.js';

/**
 * Maps a quote error to the API's error classes: malformed input is a 400, every other quote refusal
 * (unknown option, quantity, option downgrade, no change, overdue, no price) is a 422 business rule.
 * The field path of the quote input is kept in `details`.
 */
export function appErrorFromQuote(err: QuoteError): AppError {
  const details = [{ field: err.field, message: err.message }];
  return err.code === 'invalid_input'
    ? new ValidationError(err.message, details)
    : new BusinessRuleError(err.code, err.message, details);
}

/** Runs `fn`, turning a QuoteError into the matching AppError. */
export function withQuoteErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof QuoteError) throw appErrorFromQuote(err);
    throw err;
  }
}
