import type { SeededCatalog } from '../../support/seed-catalog.js';

/** Ids of the rows the fuzzing aims at (an open upgrade with an unpaid invoice on the seeded service). */
export interface FuzzIds extends SeededCatalog {
  serverId: number;
  promotionId: number;
  upgradeId: number;
  invoiceId: number;
}

/** A route and a valid body for it: the fuzzing only ever sends broken variants of it. */
export interface FuzzEndpoint {
  method: 'POST' | 'PATCH';
  url: string;
  /** A valid body; the fuzzing breaks one part at a time. Absent for routes without a body. */
  body?: Record<string, unknown>;
  /** Fields whose absence is a 400. */
  required: string[];
  /** String fields with a format (code list, pattern, date, amount): any injection string is a 400. */
  formatted: string[];
  /** Fields holding ids of other rows: an unknown id is a 404, 409 or 422. */
  references: string[];
  /** Money fields: an amount too large for the BIGINT minor-unit columns is a 400. */
  money?: string[];
  /** Honours Idempotency-Key (creating POSTs). */
  idempotent: boolean;
}

/**
 * Every route that takes input. Where a valid body would change something, the state makes it a 4xx anyway
 * (the promotion code exists, the service has an open upgrade), so even a variant the fuzzing failed to break
 * stores nothing — and the last test would show it if it did.
 */
export function endpointsFor(ids: FuzzIds): FuzzEndpoint[] {
  return [
    {
      method: 'POST',
      url: '/v1/clients',
      idempotent: true,
      body: {
        email: 'ann@example.test',
        name: 'Ann',
        currency: 'USD',
        taxRates: [{ name: 'VAT', rate: '20' }],
        taxCompound: false,
        taxInclusive: false,
        taxExempt: false,
      },
      required: ['email', 'name', 'currency'],
      formatted: ['email', 'currency', 'taxRates.0.rate'],
      references: [],
    },
    {
      method: 'POST',
      url: '/v1/servers',
      idempotent: true,
      body: {
        name: 'whm-2',
        type: 'cpanel',
        hostname: 'panel2.example.test',
        port: 2087,
        username: 'root',
        secret: 'token-5678',
        tls: { verify: true },
        maxConcurrency: 2,
      },
      required: ['name', 'type', 'hostname', 'username', 'secret'],
      formatted: ['type', 'hostname'],
      references: [],
    },
    {
      method: 'POST',
      url: '/v1/products',
      idempotent: true,
      body: {
        name: 'Gold',
        module: 'cpanel',
        serverId: ids.serverId,
        panelPackage: 'gold',
        pricing: { USD: { monthly: '30.00' } },
        configOptions: [{ name: 'Seats', type: 'quantity', min: 0, max: 10, pricing: { USD: { monthly: '1.00' } } }],
        upgradeTargets: [ids.proId],
        allowOptionUpgrades: true,
        upgradeEmailTemplate: 'upgrade-completed',
        taxable: true,
      },
      required: ['name'],
      formatted: ['module', 'upgradeEmailTemplate', 'pricing.USD.monthly', 'configOptions.0.type'],
      references: ['serverId', 'upgradeTargets.0'],
      money: ['pricing.USD.monthly', 'configOptions.0.pricing.USD.monthly'],
    },
    {
      method: 'POST',
      url: '/v1/services',
      idempotent: true,
      body: {
        clientId: ids.clientId,
        productId: ids.starterId,
        domain: 'new.example.test',
        username: 'newuser',
        billingCycle: 'monthly',
        nextDueDate: '2025-03-01',
        anchorDay: 1,
        recurringAmount: '10.00',
        options: [{ optionId: ids.diskOptionId, qty: 2 }],
        status: 'active',
      },
      required: ['clientId', 'productId', 'domain', 'billingCycle'],
      formatted: ['billingCycle', 'nextDueDate', 'recurringAmount', 'status'],
      references: ['clientId', 'productId', 'options.0.optionId'],
      money: ['recurringAmount'],
    },
    {
      method: 'POST',
      url: '/v1/promotions',
      idempotent: true,
      body: {
        code: 'TEN',
        type: 'percent',
        value: '10',
        appliesToUpgrades: true,
        lifetime: false,
        productIds: [ids.proId],
        expiresAt: '2030-01-01',
        maxUses: 5,
      },
      required: ['code', 'type', 'value'],
      formatted: ['code', 'type', 'value', 'expiresAt'],
      references: ['productIds.0'],
    },
    {
      method: 'POST',
      url: '/v1/promotions',
      idempotent: true,
      body: {
        code: 'TEN',
        type: 'fixed',
        value: '5.00',
        currency: 'USD',
        appliesToUpgrades: true,
        lifetime: true,
        productIds: [],
        expiresAt: '2030-01-01',
        maxUses: 5,
      },
      required: ['code', 'type', 'value', 'currency'],
      formatted: ['value', 'currency'],
      references: [],
      money: ['value'],
    },
    {
      method: 'POST',
      url: `/v1/services/${ids.serviceId}/quote`,
      idempotent: false,
      body: { productId: ids.proId, billingCycle: 'monthly', promoCode: 'TEN', asOf: '2025-02-10', actor: 'client' },
      required: [],
      formatted: ['billingCycle', 'promoCode', 'asOf', 'actor'],
      references: ['productId'],
    },
    {
      method: 'POST',
      url: `/v1/services/${ids.serviceId}/upgrades`,
      idempotent: true,
      body: {
        productId: ids.proId,
        billingCycle: 'monthly',
        options: [{ optionId: ids.diskOptionId, qty: 3 }],
        asOf: '2025-02-10',
        actor: 'client',
      },
      required: ['actor'],
      formatted: ['billingCycle', 'asOf', 'actor'],
      references: ['productId', 'options.0.optionId'],
    },
    {
      method: 'POST',
      url: `/v1/invoices/${ids.invoiceId}/payments`,
      idempotent: true,
      body: { amount: '12.22', gateway: 'stripe', transactionId: 'tx-fuzz', paidAt: '2025-02-10T12:00:00Z' },
      required: ['amount', 'gateway', 'transactionId'],
      formatted: ['amount', 'gateway', 'paidAt'],
      references: [],
      money: ['amount'],
    },
    {
      method: 'PATCH',
      url: `/v1/services/${ids.serviceId}`,
      idempotent: false,
      body: {
        productId: ids.proId,
        billingCycle: 'monthly',
        nextDueDate: '2025-03-01',
        recurringAmount: '25.00',
        recalculate: false,
        changePackage: false,
        status: 'active',
      },
      required: [],
      formatted: ['billingCycle', 'nextDueDate', 'recurringAmount', 'status'],
      references: ['productId'],
      money: ['recurringAmount'],
    },
    {
      method: 'POST',
      url: `/v1/upgrades/${ids.upgradeId}/cancel`,
      idempotent: false,
      body: { actor: 'staff', reason: 'fuzzing' },
      required: [],
      formatted: ['actor'],
      references: [],
    },
    {
      method: 'POST',
      url: `/v1/services/${ids.serviceId}/module/change-package`,
      idempotent: false,
      required: [],
      formatted: [],
      references: [],
    },
  ];
}
