import { z } from 'zod';
import { currencyDecimals } from '../../domain/currencies.js';
import { pricedCycle } from './fields.js';
import { currencyCode } from './fields.js';
import { fractionDigits, nonNegativeMoneyString, tooManyDecimalsMessage } from './fields.js';

/**
 * Prices by currency, then billing cycle (any cycle but `free`): `{ "USD": { "monthly": "4.00", "annually": "40.00" } }`. Each amount
 * may carry at most its currency's decimals; an amount with more is reported on its own path
 * (`pricing.USD.monthly`), so the caller sees exactly which price to fix.
 */
export const pricingByCurrency = z
  .record(currencyCode, z.partialRecord(pricedCycle, nonNegativeMoneyString))
  .superRefine((pricing, ctx) => {
    for (const [currency, byCycle] of Object.entries(pricing)) {
      const decimals = currencyDecimals(currency) ?? 0;
      for (const [cycle, amount] of Object.entries(byCycle)) {
        if (amount !== undefined && fractionDigits(amount) > decimals) {
          ctx.addIssue({
            code: 'custom',
            path: [currency, cycle],
            message: tooManyDecimalsMessage(currency, decimals),
          });
        }
      }
    }
  });

export type PricingByCurrencyInput = z.output<typeof pricingByCurrency>;
