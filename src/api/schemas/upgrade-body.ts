import { z } from 'zod';
import { calendarDate } from './fields.js';
import { pricedCycle } from './fields.js';
import { positiveId } from './fields.js';
import { optionSelection } from './fields.js';

const actor = z.enum(['client', 'staff'], { error: 'must be client or staff' });

/** What to change: the fields of a quote and an order (DESIGN §4). */
const changeFields = {
  /** @defaultValue the current product */
  productId: positiveId.optional(),
  /** Any cycle but `free` (a target cannot be free, DESIGN §3). @defaultValue the current cycle */
  billingCycle: pricedCycle.optional(),
  /** Changed selections; the others keep their value. */
  options: z.array(optionSelection).max(100).optional(),
  promoCode: z.string().min(1).max(64).optional(),
  /** The billing date to price at, within the caller's window (DESIGN §4.1). @defaultValue today in BILLING_TZ */
  asOf: calendarDate.optional(),
};

/** `POST /v1/services/:id/quote`. `actor` decides which targets are allowed. */
export const quoteBody = z.strictObject({
  ...changeFields,
  /** @defaultValue `client` */ actor: actor.default('client'),
});

/** `POST /v1/services/:id/upgrades`: the quote body plus who asks. */
export const placeUpgradeBody = z.strictObject({ ...changeFields, actor });

/** `POST /v1/upgrades/:id/cancel`. */
export const cancelUpgradeBody = z.strictObject({
  /** @defaultValue `staff` for a staff token, `client` for a storefront token */
  actor: actor.optional(),
  /** @defaultValue `cancelled on request` */
  reason: z.string().min(1).max(500).default('cancelled on request'),
});

/** `GET /v1/services/:id/upgrade-options?actor=`. */
export const upgradeOptionsQuery = z.strictObject({ /** @defaultValue `client` */ actor: actor.default('client') });
