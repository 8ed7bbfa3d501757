import { z } from 'zod';
import { isRecurringCycle } from '../../domain/calendar/billing-cycle.js';
import { billingCycle } from './fields.js';
import { calendarDate } from './fields.js';
import { positiveId } from './fields.js';
import { nonNegativeMoneyString } from './fields.js';
import { optionSelection } from './fields.js';
import { reportDuplicates } from './fields.js';

/** A promotion code as `POST /v1/promotions` accepts it. */
export const lifetimePromoCode = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a promotion code: 1-64 letters, digits, _ or -');

export const SERVICE_STATUSES = ['pending', 'active', 'suspended', 'terminated', 'cancelled'] as const;

/** `POST /v1/services` (DESIGN §4). */
export const createServiceBody = z
  .strictObject({
    clientId: positiveId,
    productId: positiveId,
    /** @defaultValue the product's server */
    serverId: positiveId.nullable().optional(),
    domain: z.string().min(1).max(255),
    /** The account's user name on the panel. @defaultValue empty */
    username: z.string().max(64).default(''),
    billingCycle,
    /** Required for recurring cycles; null (or left out) for free and onetime. */
    nextDueDate: calendarDate.nullable().optional(),
    /** Day of month it bills on, 1-31. @defaultValue the day of nextDueDate */
    anchorDay: z.number().int().min(1).max(31).nullable().optional(),
    /** In the client's currency. @defaultValue the catalog price of the product and options at billingCycle */
    recurringAmount: nonNegativeMoneyString.optional(),
    /** @defaultValue [] */
    options: z.array(optionSelection).max(100).default([]),
    /** @defaultValue `active` */
    status: z.enum(SERVICE_STATUSES, { error: `must be one of ${SERVICE_STATUSES.join(', ')}` }).default('active'),
    /** The front-end has an unpaid renewal invoice for it: upgrades wait (409 `renewal_unpaid`). @defaultValue false */
    unpaidRenewal: z.boolean().default(false),
    /**
     * Code of a promotion created with `lifetime: true` that the service carries: upgrade quotes price the new plan
     * less it, and the default `recurringAmount` is the catalog price less it. @defaultValue null (none)
     */
    lifetimePromoCode: lifetimePromoCode.nullable().optional(),
  })
  .superRefine((s, ctx) => {
    const recurring = isRecurringCycle(s.billingCycle);
    if (recurring && (s.nextDueDate === undefined || s.nextDueDate === null)) {
      ctx.addIssue({ code: 'custom', path: ['nextDueDate'], message: `is required for the ${s.billingCycle} cycle` });
    }
    if (!recurring && s.nextDueDate != null) {
      ctx.addIssue({ code: 'custom', path: ['nextDueDate'], message: `must be null for the ${s.billingCycle} cycle` });
    }
    if (!recurring && s.anchorDay != null) {
      ctx.addIssue({ code: 'custom', path: ['anchorDay'], message: `must be null for the ${s.billingCycle} cycle` });
    }
    reportDuplicates(
      s.options.map((o) => o.optionId),
      'options',
      ctx,
      'optionId',
    );
  });

/** `PATCH /v1/services/:id`: a staff change without an order (WHMCS "manual upgrade"). */
export const manualChangeBody = z.strictObject({
  productId: positiveId.optional(),
  billingCycle: billingCycle.optional(),
  options: z.array(optionSelection).max(100).optional(),
  /** Null for free and one-time services. Moving it reports a renewal: a new term opens. */
  nextDueDate: calendarDate.nullable().optional(),
  recurringAmount: nonNegativeMoneyString.optional(),
  /** Set the recurring amount from the catalog (product + options at the cycle). Ignored when `recurringAmount` is given. */
  recalculate: z.boolean().optional(),
  /** Also run the panel's ChangePackage for the (new) product. */
  changePackage: z.boolean().optional(),
  status: z.enum(SERVICE_STATUSES, { error: `must be one of ${SERVICE_STATUSES.join(', ')}` }).optional(),
  /**
   * The front-end raised a renewal invoice for the service (`true`) or it was paid or cancelled (`false`). While true,
   * upgrade orders are refused with 409 `renewal_unpaid`. Allowed while an upgrade is open.
   */
  unpaidRenewal: z.boolean().optional(),
  /**
   * Code of a promotion created with `lifetime: true` for the service to carry from now on (its upgrade quotes, and
   * `recalculate`); null removes it. @defaultValue unchanged
   */
  lifetimePromoCode: lifetimePromoCode.nullable().optional(),
});
