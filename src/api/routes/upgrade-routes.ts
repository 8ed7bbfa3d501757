import type { FastifyRequest } from 'fastify';
import { recordPayment } from '../../app/payments/record-payment.js';
import { manualChange, requestChangePackage } from '../../app/services/manual-change.js';
import { cancelUpgrade } from '../../app/upgrades/cancel-upgrade.js';
import { assertMayActAs, type Caller } from '../../app/upgrades/caller.js';
import { getUpgrade } from '../../app/upgrades/get-upgrade.js';
import { listUpgrades } from '../../app/upgrades/list-upgrades.js';
import { placeUpgrade } from '../../app/upgrades/place-upgrade.js';
import { priceUpgradeRequest } from '../../app/upgrades/price-upgrade-request.js';
import { listUpgradeOptions } from '../../app/upgrades/upgrade-options.js';
import type { ApiRoutePlugin } from '../api-route-plugin.js';
import { defineRoute, registerRoute } from '../route-spec.js';
import type { ErrorCode } from '../schemas/error-body.js';
import { idParams } from '../schemas/fields.js';
import { createdRange, listUpgradesQuery, pageOf } from '../schemas/list-query.js';
import { paymentBody } from '../schemas/payment-body.js';
import { manuallyChangedService } from '../schemas/resources.js';
import { manualChangeBody } from '../schemas/service-body.js';
import { cancelUpgradeBody, placeUpgradeBody, quoteBody, upgradeOptionsQuery } from '../schemas/upgrade-body.js';
import {
  changePackageJob,
  placedUpgrade,
  pricedQuote,
  recordedPayment,
  upgradeOptions,
  upgradeResource,
} from '../schemas/upgrade-resources.js';
import { LIST_PAGING } from './catalog-routes.js';

/** Who is calling, from the token the access control verified. */
const callerOf = (req: FastifyRequest): Caller => ({ role: req.apiRole ?? 'storefront' });

const staff = ['staff'] as const;
const clientArea = ['staff', 'storefront'] as const;

/** Everything pricing a change can refuse: the guards of DESIGN §2, the billing date, the promotion and the quote. */
const QUOTE_ERRORS: readonly ErrorCode[] = [
  'service_not_active',
  'upgrade_open',
  'renewal_unpaid',
  'unsupported_currency',
  'unknown_product',
  'target_not_allowed',
  'option_upgrades_not_allowed',
  'promotion_invalid',
  'as_of_out_of_range',
  'unknown_option',
  'invalid_quantity',
  'option_downgrade_not_allowed',
  'no_change',
  'overdue',
  'price_unavailable',
];

const ASOF =
  '`asOf` is the billing date to price at: today in `BILLING_TZ` when left out; a storefront may send today or yesterday, staff up to ' +
  '`STAFF_AS_OF_WINDOW_DAYS` back, nobody a future date. A storefront token may only send `actor: "client"` (else 403).';

/**
 * The upgrade pipeline's routes (DESIGN §4, roles §4.1): quotes, orders and cancellation for staff and the
 * storefront; payments for staff and the gateway; manual changes and module commands for staff.
 */
export const upgradeRoutes: ApiRoutePlugin = (app, ctx) => {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/v1/services/:id/upgrade-options',
      operationId: 'listUpgradeOptions',
      tag: 'Upgrades',
      roles: clientArea,
      summary: 'Targets a service may move to, each with a quote',
      description:
        "For `actor=client` the product's upgrade targets; for `actor=staff` (staff tokens only) every product. A target that cannot be " +
        'quoted carries the reason in `error` instead of a quote.',
      params: idParams,
      query: upgradeOptionsQuery,
      response: upgradeOptions,
      responseDescription: 'The options',
      handler: async ({ params, query, request }) => {
        assertMayActAs(callerOf(request), query.actor);
        return listUpgradeOptions(ctx, params.id, query.actor);
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/v1/services/:id/quote',
      operationId: 'quoteUpgrade',
      tag: 'Upgrades',
      roles: clientArea,
      summary: 'Price a change (nothing is stored)',
      description: `The quote an order placed now would get: same guards, same input, same billing date rules. ${ASOF}`,
      params: idParams,
      body: quoteBody,
      bodyOptional: true,
      response: pricedQuote,
      responseDescription: 'The quote',
      errors: QUOTE_ERRORS,
      handler: async ({ params, body, request }) => priceUpgradeRequest(ctx, params.id, body, callerOf(request)),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/v1/services/:id/upgrades',
      operationId: 'placeUpgrade',
      tag: 'Upgrades',
      roles: clientArea,
      idempotent: true,
      summary: 'Place an upgrade or downgrade order',
      description:
        `Priced at once (a refused change fails now with the quote's error), stored \`queued\` and processed by the workers: invoiced ` +
        `(pay it with \`POST /v1/invoices/{id}/payments\`), applied, provisioned on the panel, mailed. Follow it with \`GET /v1/upgrades/{id}\` or webhooks. ${ASOF}`,
      params: idParams,
      body: placeUpgradeBody,
      status: 202,
      location: true,
      response: placedUpgrade,
      responseDescription: 'The order is queued',
      errors: [...QUOTE_ERRORS, 'not_cancellable', 'stale_state'],
      handler: async ({ params, body, request }) => placeUpgrade(ctx, params.id, body, callerOf(request)),
      locationOf: (placed) => `/v1/upgrades/${placed.upgradeId}`,
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/v1/upgrades',
      operationId: 'listUpgrades',
      tag: 'Upgrades',
      roles: clientArea,
      summary: 'List upgrade orders, by status, service, client or creation time',
      description: `${LIST_PAGING} Ordered by \`createdAt\`, then id.`,
      query: listUpgradesQuery,
      response: pageOf(upgradeResource, 'UpgradePage'),
      responseDescription: 'A page of upgrade orders',
      handler: async ({ query: { limit, cursor, createdFrom, createdTo, ...filters } }) =>
        listUpgrades(ctx, { ...filters, ...createdRange(createdFrom, createdTo) }, { limit, cursor }),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/v1/upgrades/:id',
      operationId: 'getUpgrade',
      tag: 'Upgrades',
      roles: clientArea,
      summary: 'Read an upgrade order: status, quote, invoice, history',
      params: idParams,
      response: upgradeResource,
      responseDescription: 'The order',
      handler: async ({ params }) => getUpgrade(ctx, params.id),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/v1/upgrades/:id/cancel',
      operationId: 'cancelUpgrade',
      tag: 'Upgrades',
      roles: clientArea,
      summary: 'Cancel a queued, invoiced or scheduled order (and its invoice)',
      description:
        "A part payment already taken goes to the client's credit. A storefront cancels only orders the client placed.",
      params: idParams,
      body: cancelUpgradeBody,
      bodyOptional: true,
      response: upgradeResource,
      responseDescription: 'The cancelled order',
      errors: ['not_cancellable', 'already_paid', 'stale_state'],
      handler: async ({ params, body, request }) => {
        const caller = callerOf(request);
        await cancelUpgrade(
          ctx,
          params.id,
          body.actor ?? (caller.role === 'staff' ? 'staff' : 'client'),
          body.reason,
          caller,
        );
        return getUpgrade(ctx, params.id);
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/v1/invoices/:id/payments',
      operationId: 'recordPayment',
      tag: 'Invoices',
      roles: ['staff', 'gateway'],
      idempotent: true,
      summary: 'Record a payment of an invoice',
      description:
        'Recorded once per (`gateway`, `transactionId`): the same callback twice records once. A part payment leaves the invoice unpaid; ' +
        "money the invoice cannot take (cancelled, already paid) goes to the client's credit, with a `payment.credited` webhook.",
      params: idParams,
      body: paymentBody,
      status: 202,
      response: recordedPayment,
      responseDescription: 'What happened to the payment',
      errors: ['duplicate_transaction', 'currency_mismatch', 'paid_at_in_future'],
      handler: async ({ params, body }) => recordPayment(ctx, params.id, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/v1/services/:id',
      operationId: 'changeService',
      tag: 'Services',
      roles: staff,
      summary: 'Change a service by hand, without an order',
      description:
        'Nothing is invoiced or credited. Moving `nextDueDate` reports a paid renewal (a new term). Refused while an order is open, ' +
        'except a body with only `unpaidRenewal`.',
      params: idParams,
      body: manualChangeBody,
      response: manuallyChangedService,
      responseDescription: 'The changed service',
      errors: ['upgrade_open', 'unknown_option', 'invalid_quantity', 'price_unavailable', 'promotion_invalid'],
      handler: async ({ params, body }) => manualChange(ctx, params.id, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/v1/services/:id/module/change-package',
      operationId: 'runChangePackage',
      tag: 'Services',
      roles: staff,
      summary: "Queue ChangePackage to the service's current package",
      params: idParams,
      status: 202,
      response: changePackageJob,
      responseDescription: 'The queued job',
      handler: async ({ params }) => requestChangePackage(ctx, params.id),
    }),
  );
};
