import type { ApiRole } from '../config/api-tokens.js';
import { dayNumberToIsoDate, isoDateToDayNumber } from '../domain/calendar/index.js';
import type { AppContext } from './app-context.js';
import { BusinessRuleError, ValidationError } from './errors.js';

/** Days before today a storefront may price at: yesterday, for a quote shown at 23:59 and ordered at 00:01. */
export const STOREFRONT_AS_OF_DAYS = 1;

/**
 * The date an order or quote is priced at (DESIGN §4.1): the server's today in `BILLING_TZ` unless the caller
 * sends `asOf`. The storefront may only send the date a quote it showed was priced at (today or yesterday); staff
 * may go back `STAFF_AS_OF_WINDOW_DAYS` (default 31); nobody may go forward. Anything else is 422
 * `as_of_out_of_range` naming the allowed range — an old `asOf` would otherwise price days the client has used
 * as unused (a credit for years), and a future one prices the term as already over (a free upgrade).
 */
export function resolveBillingDate(
  ctx: Pick<AppContext, 'clock' | 'config'>,
  requested: string | undefined,
  role: ApiRole,
): string {
  const today = ctx.clock.today();
  if (requested === undefined) return today;
  const asked = isoDateToDayNumber(requested);
  if (asked === null)
    throw new ValidationError(`asOf: '${requested}' is not a real date YYYY-MM-DD`, [
      { field: 'asOf', message: 'must be a real date as YYYY-MM-DD' },
    ]);
  const todayNumber = isoDateToDayNumber(today)!;
  const back = role === 'storefront' ? STOREFRONT_AS_OF_DAYS : ctx.config.staffAsOfWindowDays;
  const earliest = dayNumberToIsoDate(todayNumber - back);
  if (asked > todayNumber || asked < todayNumber - back) {
    const range = back === 0 ? `only ${today}` : `from ${earliest} to ${today}`;
    const message = `asOf ${requested} is out of range: the ${role} role may price ${range} (the billing date is today in ${ctx.config.billingTz})`;
    throw new BusinessRuleError('as_of_out_of_range', message, [{ field: 'asOf', message: `must be ${range}` }]);
  }
  return requested;
}
