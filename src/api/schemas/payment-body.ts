import { z } from 'zod';
import { currencyCode } from './fields.js';
import { nonNegativeMoneyString } from './fields.js';

/** `POST /v1/invoices/:id/payments` (DESIGN §4). The amount's decimals and its sign are checked against the invoice. */
export const paymentBody = z.strictObject({
  amount: nonNegativeMoneyString,
  /** The currency of the money received; must be the invoice's. @defaultValue the invoice's currency */
  currency: currencyCode.optional(),
  gateway: z
    .string()
    .min(1)
    .max(50)
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
  transactionId: z.string().min(1).max(128),
  /** When the gateway took the money; not in the future. @defaultValue now */
  paidAt: z.iso.datetime({ offset: true }).optional(),
});
