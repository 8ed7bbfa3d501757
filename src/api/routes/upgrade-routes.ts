import { priceUpgradeRequest } from '../../app/upgrades/price-upgrade-request.js';
import { cancelUpgrade } from '../../app/upgrades/cancel-upgrade.js';
import { assertMayActAs, type Caller } from '../../app/upgrades/caller.js';
import { getUpgrade } from '../../app/upgrades/get-upgrade.js';
import { placeUpgrade } from '../../app/upgrades/place-upgrade.js';
import { listUpgradeOptions } from '../../app/upgrades/upgrade-options.js';
import { recordPayment } from '../../app/payments/record-payment.js';
import { manualChange, requestChangePackage } from '../../app/services/manual-change.js';
import type { FastifyRequest } from 'fastify';
import type { ApiRoutePlugin } from '../api-route-plugin.js';
import { idParams } from '../schemas/fields.js';
import { paymentBody } from '../schemas/payment-body.js';
import { manualChangeBody } from '../schemas/service-body.js';
import { cancelUpgradeBody, placeUpgradeBody, quoteBody, upgradeOptionsQuery } from '../schemas/upgrade-body.js';
import { parseBody, parseParams, parseQuery } from '../validation/parse-input.js';

/** Who is calling, from the token the access control verified. */
const callerOf = (req: FastifyRequest): Caller => ({ role: req.apiRole ?? 'storefront' });

const staff = ['staff'] as const;
const clientArea = ['staff', 'storefront'] as const;

/**
 * The upgrade pipeline's routes (DESIGN §4, roles §4.1): quotes, orders and cancellation for staff and the
 * storefront; payments for staff and the gateway; manual changes and module commands for staff.
 */
export const upgradeRoutes: ApiRoutePlugin = (app, ctx) => {
  app.get('/v1/services/:id/upgrade-options', { config: { roles: clientArea } }, async (req) => {
    const { actor } = parseQuery(upgradeOptionsQuery, req.query);
    assertMayActAs(callerOf(req), actor);
    return listUpgradeOptions(ctx, parseParams(idParams, req.params).id, actor);
  });

  app.post('/v1/services/:id/quote', { config: { roles: clientArea } }, async (req) =>
    priceUpgradeRequest(ctx, parseParams(idParams, req.params).id, parseBody(quoteBody, req.body ?? {}), callerOf(req)));

  app.post('/v1/services/:id/upgrades', { config: { idempotent: true, roles: clientArea } }, async (req, reply) => {
    const placed = await placeUpgrade(ctx, parseParams(idParams, req.params).id, parseBody(placeUpgradeBody, req.body), callerOf(req));
    return reply.code(202).header('location', `/v1/upgrades/${placed.upgradeId}`).send(placed);
  });

  app.get('/v1/upgrades/:id', { config: { roles: clientArea } }, async (req) => getUpgrade(ctx, parseParams(idParams, req.params).id));

  app.post('/v1/upgrades/:id/cancel', { config: { roles: clientArea } }, async (req) => {
    const id = parseParams(idParams, req.params).id;
    const caller = callerOf(req);
    const body = parseBody(cancelUpgradeBody, req.body ?? {});
    await cancelUpgrade(ctx, id, body.actor ?? (caller.role === 'staff' ? 'staff' : 'client'), body.reason, caller);
    return getUpgrade(ctx, id);
  });

  app.post('/v1/invoices/:id/payments', { config: { idempotent: true, roles: ['staff', 'gateway'] } }, async (req, reply) =>
    reply.code(202).send(await recordPayment(ctx, parseParams(idParams, req.params).id, parseBody(paymentBody, req.body))));

  app.patch('/v1/services/:id', { config: { roles: staff } }, async (req) =>
    manualChange(ctx, parseParams(idParams, req.params).id, parseBody(manualChangeBody, req.body)));

  app.post('/v1/services/:id/module/change-package', { config: { roles: staff } }, async (req, reply) =>
    reply.code(202).send(await requestChangePackage(ctx, parseParams(idParams, req.params).id)));
};
