import { z } from 'zod';
import type { ClientResource } from '../../app/catalog/clients.js';
import type { InvoiceResource } from '../../app/catalog/invoices.js';
import type { ProductResource } from '../../app/catalog/products.js';
import type { PromotionResource } from '../../app/catalog/promotions.js';
import type { ServerResource } from '../../app/catalog/servers.js';
import type { ServiceResource } from '../../app/catalog/services.js';
import { billingCycle, calendarDate, moneyString, optionSelection, positiveId, pricedCycle } from './fields.js';
import { OPTION_TYPES } from './product-body.js';
import { panelType } from './server-body.js';
import { SERVICE_STATUSES } from './service-body.js';

// What the catalog routes answer (DESIGN §4): one schema per resource, the same one for `POST` (201), `GET /:id` and
// each item of a list. The OpenAPI document is generated from these; the integration tests validate every response
// against it, and the type checks at the end keep each schema's fields equal to the use case's resource type.

/** An instant, ISO 8601 in UTC with milliseconds (`2025-02-10T09:30:00.000Z`). */
export const instant = z.iso
  .datetime()
  .meta({ description: 'An instant, ISO 8601 UTC', examples: ['2025-02-10T09:30:00.000Z'] });

/** A currency code as resources show it. */
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .meta({ description: 'ISO 4217 currency code', examples: ['USD'] });

/** Prices by currency, then cycle: `{ "USD": { "monthly": "4.00" } }`. */
const currencyPricing = z.record(currency, z.partialRecord(pricedCycle, moneyString)).meta({
  description: 'Prices by currency, then billing cycle, as decimal strings',
  examples: [{ USD: { monthly: '10.00', annually: '100.00' } }],
});

export const serverResource = z
  .strictObject({
    id: positiveId,
    name: z.string(),
    type: panelType,
    hostname: z.string(),
    port: z.number().int(),
    username: z.string(),
    /** The secret is write-only: this only tells that one is stored. */
    hasSecret: z.boolean(),
    tls: z.strictObject({ verify: z.boolean(), caCert: z.string().nullable(), fingerprint: z.string().nullable() }),
    maxConcurrency: z.number().int(),
  })
  .meta({
    id: 'Server',
    description: 'A control-panel server. The secret is never returned; `hasSecret` tells it is set.',
  });

const configOptionResource = z
  .strictObject({
    id: positiveId,
    name: z.string(),
    type: z.enum(OPTION_TYPES),
    min: z.number().int().nullable().optional().meta({ description: 'Quantity options only' }),
    max: z.number().int().nullable().optional().meta({ description: 'Quantity options only; null is no limit' }),
    allowDowngrade: z.boolean(),
    pricing: currencyPricing.optional().meta({ description: 'Unit price (yesno, quantity options)' }),
    choices: z
      .array(z.strictObject({ id: positiveId, name: z.string(), pricing: currencyPricing }))
      .optional()
      .meta({ description: 'dropdown and radio options' }),
  })
  .meta({ id: 'ConfigOption', description: 'A configurable option of a product' });

export const productResource = z
  .strictObject({
    id: positiveId,
    name: z.string(),
    module: panelType.nullable(),
    serverId: positiveId.nullable(),
    panelPackage: z.string().nullable(),
    pricing: currencyPricing,
    configOptions: z.array(configOptionResource),
    upgradeTargets: z.array(positiveId),
    allowOptionUpgrades: z.boolean(),
    upgradeEmailTemplate: z.string(),
    taxable: z.boolean(),
  })
  .meta({ id: 'Product', description: 'A product with its prices and configurable options' });

export const clientResource = z
  .strictObject({
    id: positiveId,
    email: z.string(),
    name: z.string(),
    currency,
    taxRates: z.array(
      z.strictObject({
        name: z.string(),
        rate: z.string().meta({ description: 'A percentage as a decimal string', examples: ['20'] }),
      }),
    ),
    taxCompound: z.boolean(),
    taxInclusive: z.boolean(),
    taxExempt: z.boolean(),
    creditBalance: moneyString.meta({
      description: "The client's account credit: the sum of its credit ledger, in its currency",
    }),
  })
  .meta({ id: 'Client', description: 'A billing client with its account credit' });

export const serviceResource = z
  .strictObject({
    id: positiveId,
    clientId: positiveId,
    productId: positiveId,
    serverId: positiveId.nullable(),
    domain: z.string(),
    username: z.string(),
    billingCycle,
    nextDueDate: calendarDate.nullable(),
    anchorDay: z.number().int().min(1).max(31).nullable(),
    recurringAmount: moneyString,
    currency: currency.meta({ description: "The client's currency" }),
    status: z.enum(SERVICE_STATUSES),
    options: z.array(optionSelection),
    unpaidRenewal: z.boolean(),
    lifetimePromoCode: z.string().nullable(),
  })
  .meta({ id: 'Service', description: 'A hosting service (the fields it is created with, plus id and currency)' });

/** `PATCH /v1/services/:id`: the service, and the ChangePackage job when one was queued. */
export const manuallyChangedService = serviceResource
  .extend({
    changePackageJobId: z
      .string()
      .nullable()
      .meta({ description: 'The ChangePackage job queued with `changePackage: true`, else null' }),
  })
  .meta({ id: 'ManuallyChangedService', description: 'The service after a manual change' });

export const promotionResource = z
  .strictObject({
    id: positiveId,
    code: z.string(),
    type: z.enum(['percent', 'fixed']),
    value: z
      .string()
      .meta({ description: 'percent: the percentage ("10"); fixed: a money string in `currency`', examples: ['10'] }),
    currency: currency.nullable(),
    appliesToUpgrades: z.boolean(),
    lifetime: z.boolean(),
    productIds: z.array(positiveId),
    expiresAt: calendarDate.nullable(),
    maxUses: z.number().int().nullable(),
    uses: z.number().int(),
  })
  .meta({ id: 'Promotion', description: 'A promotion code, with the number of orders that used it' });

export const invoiceResource = z
  .strictObject({
    id: positiveId,
    clientId: positiveId,
    serviceId: positiveId.nullable(),
    upgradeId: positiveId.nullable(),
    type: z.enum(['upgrade', 'renewal']),
    status: z.enum(['unpaid', 'paid', 'cancelled']),
    currency,
    subtotal: moneyString,
    discount: moneyString,
    tax: moneyString,
    total: moneyString,
    amountPaid: moneyString,
    dueDate: calendarDate,
    paidAt: instant.nullable(),
    lines: z.array(
      z.strictObject({ kind: z.enum(['item', 'discount', 'tax']), description: z.string(), amount: moneyString }),
    ),
  })
  .meta({ id: 'Invoice', description: 'An invoice; every amount is a money string in `currency`' });

/**
 * True when a schema's output has exactly the keys of a use case's resource type and is assignable to it; the
 * `satisfies true` checks below fail the build when a field is added to one but not the other.
 */
export type SameFields<S extends z.ZodType, V> = [keyof z.output<S>] extends [keyof V]
  ? [keyof V] extends [keyof z.output<S>]
    ? z.output<S> extends V
      ? true
      : false
    : false
  : false;

export const resourceTypeChecks = {
  server: true satisfies SameFields<typeof serverResource, ServerResource>,
  product: true satisfies SameFields<typeof productResource, ProductResource>,
  client: true satisfies SameFields<typeof clientResource, ClientResource>,
  service: true satisfies SameFields<typeof serviceResource, ServiceResource>,
  promotion: true satisfies SameFields<typeof promotionResource, PromotionResource>,
  invoice: true satisfies SameFields<typeof invoiceResource, InvoiceResource>,
};
