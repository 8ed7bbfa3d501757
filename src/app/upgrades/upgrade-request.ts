import { z } from 'zod';
import { BILLING_CYCLES, type BillingCycle } from '../../domain/calendar/billing-cycle.js';

/** Cycles an upgrade may move to. */
export const TARGET_CYCLES = BILLING_CYCLES.filter((c) => c !== 'free') as Array<Exclude<BillingCycle, 'free'>>;

const id = z.number().int().positive();

/** The largest quantity of an option a service may hold or order (and the largest min/max an option may declare). */
export const MAX_OPTION_QTY = 1_000_000;

/** One changed option selection: `choiceId` for dropdown/radio, `qty` for quantity/yesno. */
export const optionSelectionSchema = z.object({
  optionId: id,
  choiceId: id.optional(),
  qty: z.number().int().min(0).max(MAX_OPTION_QTY).optional(),
}).strict().refine((o) => (o.choiceId === undefined) !== (o.qty === undefined), { message: 'give exactly one of choiceId or qty' });

/** The body of `POST /v1/services/:id/quote` (DESIGN §4). */
export const quoteRequestSchema = z.object({
  productId: id.optional(),
  /** Any cycle but `free` (a target cannot be free, DESIGN §3). */
  billingCycle: z.enum(TARGET_CYCLES).optional(),
  options: z.array(optionSelectionSchema).max(100).optional(),
  promoCode: z.string().min(1).max(64).optional(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD').optional(),
}).strict();

/** The body of `POST /v1/services/:id/upgrades`: the quote body plus who asks. */
export const placeUpgradeSchema = quoteRequestSchema.extend({
  actor: z.enum(['client', 'staff']),
}).strict();

export type QuoteRequest = z.infer<typeof quoteRequestSchema>;
export type PlaceUpgradeRequest = z.infer<typeof placeUpgradeSchema>;
export type Actor = PlaceUpgradeRequest['actor'];
