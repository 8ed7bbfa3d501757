import { z } from 'zod';
import type { RecordedPayment } from '../../app/payments/record-payment.js';
import type { UpgradeResource } from '../../app/upgrades/get-upgrade.js';
import type { PlacedUpgrade } from '../../app/upgrades/place-upgrade.js';
import type { UpgradeOption } from '../../app/upgrades/upgrade-options.js';
import type { PricedQuote } from '../../db/entities/upgrade.entity.js';
import { UPGRADE_STATUSES } from '../../domain/upgrade-status.js';
import { billingCycle, calendarDate, moneyString, optionSelection, positiveId, pricedCycle } from './fields.js';
import { instant, type SameFields } from './resources.js';

// What the upgrade pipeline's routes answer (DESIGN §3, §4): quotes, orders, payments.

export const upgradeStatus = z
  .enum(UPGRADE_STATUSES)
  .meta({ description: 'The state of an upgrade order (DESIGN §2)' });

/** The DESIGN §3 quote plus `creditToAccountCapped`. */
export const pricedQuote = z
  .strictObject({
    direction: z.enum(['upgrade', 'downgrade']),
    timing: z.enum(['on-payment', 'immediate', 'end-of-term']),
    days: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Days left in the current term (null for free and one-time services)' }),
    totalDays: z.number().int().nullable(),
    newTotalDays: z.number().int().nullable(),
    credit: moneyString,
    debit: moneyString,
    subtotal: moneyString,
    discount: moneyString,
    taxes: z.array(z.strictObject({ name: z.string(), rate: z.string(), amount: moneyString })),
    total: moneyString,
    creditToAccount: moneyString,
    invoiceRequired: z.boolean(),
    newRecurringAmount: moneyString,
    newBillingCycle: billingCycle,
    newNextDueDate: calendarDate.nullable(),
    effectiveDate: calendarDate.nullable(),
    lines: z.array(z.strictObject({ description: z.string(), credit: moneyString, debit: moneyString })),
    creditToAccountCapped: moneyString.meta({
      description:
        'The part of `creditToAccount` that would reach the account now (capped by what the term was paid, docs/SECURITY.md)',
    }),
  })
  .meta({
    id: 'Quote',
    description: 'A prorated quote (DESIGN §3): every amount is a money string in the service currency',
  });

export const upgradeResource = z
  .strictObject({
    id: positiveId,
    serviceId: positiveId,
    clientId: positiveId,
    status: upgradeStatus,
    actor: z.enum(['client', 'staff']),
    asOf: calendarDate.meta({ description: 'The billing date the order is priced at' }),
    request: z
      .strictObject({
        productId: positiveId.optional(),
        billingCycle: pricedCycle.optional(),
        options: z.array(optionSelection).optional(),
        promoCode: z.string().optional(),
      })
      .meta({ description: 'What was asked for' }),
    quote: pricedQuote.nullable(),
    accountCredit: moneyString
      .nullable()
      .meta({ description: 'What the change put on the account when it was applied; null before' }),
    invoiceId: positiveId.nullable(),
    effectiveDate: calendarDate.nullable(),
    reason: z.string().nullable(),
    provisioning: z
      .strictObject({
        ok: z.boolean(),
        previousPackage: z.string().optional(),
        newPackage: z.string().optional(),
        changed: z.boolean().optional(),
        error: z.string().optional(),
        attempts: z.number().int().optional(),
        at: instant,
      })
      .nullable()
      .meta({ description: 'Outcome of the last ChangePackage attempt; null before provisioning' }),
    history: z.array(
      z.strictObject({ status: upgradeStatus, at: instant, actor: z.string(), note: z.string().nullable() }),
    ),
    createdAt: instant,
  })
  .meta({ id: 'Upgrade', description: 'An upgrade order with its quote and history' });

export const placedUpgrade = z.strictObject({ upgradeId: positiveId, status: z.literal('queued') }).meta({
  id: 'PlacedUpgrade',
  description: 'The order is queued; poll `GET /v1/upgrades/{id}` (the `Location` header) or wait for webhooks',
});

export const upgradeOptions = z
  .array(
    z.strictObject({
      productId: positiveId,
      name: z.string(),
      billingCycle: pricedCycle,
      price: moneyString,
      quote: pricedQuote.nullable(),
      error: z
        .strictObject({ code: z.string(), message: z.string() })
        .nullable()
        .meta({ description: 'Why no quote could be given (e.g. `no_change`), else null' }),
    }),
  )
  .meta({
    id: 'UpgradeOptions',
    description: 'Every allowed target at every cycle it is priced in, each with a quote as of today',
  });

export const recordedPayment = z
  .strictObject({
    paymentId: positiveId,
    invoiceId: positiveId,
    duplicate: z.boolean().meta({ description: 'This gateway transaction was recorded before: nothing changed' }),
    outcome: z.enum(['invoice_paid', 'part_payment', 'credited_to_account']),
    invoiceStatus: z.enum(['unpaid', 'paid', 'cancelled']),
    amountPaid: moneyString,
    credited: moneyString.meta({ description: "The part of this payment that went to the client's credit" }),
    currency: z.string(),
  })
  .meta({ id: 'RecordedPayment', description: 'What happened to a payment' });

export const changePackageJob = z
  .strictObject({ jobId: z.string() })
  .meta({ id: 'ChangePackageJob', description: 'The queued ChangePackage job' });

export const upgradeTypeChecks = {
  quote: true satisfies SameFields<typeof pricedQuote, PricedQuote>,
  upgrade: true satisfies SameFields<typeof upgradeResource, UpgradeResource>,
  placed: true satisfies SameFields<typeof placedUpgrade, PlacedUpgrade>,
  option: true satisfies SameFields<typeof upgradeOptions.element, UpgradeOption>,
  payment: true satisfies SameFields<typeof recordedPayment, RecordedPayment>,
};
