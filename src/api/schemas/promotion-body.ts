import { z } from 'zod';
import { currencyDecimals } from '../../domain/currencies.js';
import { calendarDate } from './fields.js';
import { currencyCode } from './fields.js';
import { positiveId } from './fields.js';
import { fractionDigits, nonNegativeMoneyString, tooManyDecimalsMessage } from './fields.js';
import { reportDuplicates } from './fields.js';

/** A percentage 0-100 with up to 4 decimals. */
const percentValue = /^(?:100(?:\.0{1,4})?|\d{1,2}(?:\.\d{1,4})?)$/;

/** `POST /v1/promotions` (DESIGN §4). */
export const createPromotionBody = z
  .strictObject({
    code: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -'),
    type: z.enum(['percent', 'fixed'], { error: 'must be percent or fixed' }),
    /** percent: 0-100 ("10", "12.5"); fixed: an amount in `currency`. */
    value: nonNegativeMoneyString,
    /** Required for fixed promotions; must be left out for percent ones. */
    currency: currencyCode.optional(),
    /** @defaultValue true */
    appliesToUpgrades: z.boolean().default(true),
    /** Discounts every renewal too. @defaultValue false */
    lifetime: z.boolean().default(false),
    /** Products it applies to; empty means all. @defaultValue [] */
    productIds: z.array(positiveId).max(500).default([]),
    /** Last day it can be used. @defaultValue null (never expires) */
    expiresAt: calendarDate.nullable().default(null),
    /** @defaultValue null (unlimited) */
    maxUses: z.number().int().positive().max(4_294_967_295).nullable().default(null),
  })
  .superRefine((p, ctx) => {
    if (p.type === 'percent' && !percentValue.test(p.value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'must be a percentage between 0 and 100 with at most 4 decimals',
      });
    }
    if (p.type === 'percent' && p.currency !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'must be left out for a percent promotion' });
    }
    if (p.type === 'fixed' && p.currency === undefined) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'is required for a fixed promotion' });
    }
    const decimals = p.type === 'fixed' && p.currency !== undefined ? currencyDecimals(p.currency) : undefined;
    if (decimals !== undefined && fractionDigits(p.value) > decimals) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: tooManyDecimalsMessage(p.currency!, decimals) });
    }
    reportDuplicates(p.productIds, 'productIds', ctx);
  });
