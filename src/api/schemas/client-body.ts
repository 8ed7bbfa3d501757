import { z } from 'zod';
import { currencyCode } from './fields.js';

/** A tax percentage as a decimal string, 0-100 with up to 4 decimals ("20", "7.5"). */
const taxRate = z
  .string()
  .regex(
    /^(?:100(?:\.0{1,4})?|\d{1,2}(?:\.\d{1,4})?)$/,
    'must be a percentage 0-100 as a decimal string such as "20" or "7.5"',
  );

/** `POST /v1/clients` (DESIGN §4). */
export const createClientBody = z
  .strictObject({
    email: z.email('must be an email address').max(255),
    name: z.string().min(1).max(255),
    currency: currencyCode,
    /** Level 1 and optionally level 2. @defaultValue [] */
    taxRates: z
      .array(z.strictObject({ name: z.string().min(1).max(100), rate: taxRate }))
      .max(2, 'at most 2 tax rates')
      .default([]),
    /** Level 2 is charged on base + level 1. @defaultValue false */
    taxCompound: z.boolean().default(false),
    /** Prices include tax (one rate only). @defaultValue false */
    taxInclusive: z.boolean().default(false),
    /** @defaultValue false */
    taxExempt: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (c.taxInclusive && c.taxRates.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['taxInclusive'], message: 'inclusive tax allows one rate only' });
    }
  });
