import { z } from 'zod';
import { priceUpgradeRequest } from '../../app/upgrades/price-upgrade-request.js';
import { cancelUpgrade } from '../../app/upgrades/cancel-upgrade.js';
import { getUpgrade } from '../../app/upgrades/get-upgrade.js';
import { placeUpgrade } from '../../app/upgrades/place-upgrade.js';
import { listUpgradeOptions } from '../../app/upgrades/upgrade-options.js';
import { placeUpgradeSchema, quoteRequestSchema } from '../../app/upgrades/upgrade-request.js';
import { paymentRequestSchema, recordPayment } from '../../app/payments/record-payment.js';
import { manualChange, manualChangeSchema, requestChangePackage } from '../../app/services/manual-change.js';
import type { ApiRoutePlugin } from '../api-route-plugin.js';
import { idParams } from '../schemas/id.js';
import { parseBody, parseParams, parseQuery } from '../validation/parse-input.js';

const actorQuery = z.object({ actor: z.enum(['client', 'staff']).default('client') }).strict();
const quoteBody = quoteRequestSchema.extend({ actor: z.enum(['client', 'staff']).default('client') }).strict();
const cancelBody = z.object({
  actor: z.enum(['client', 'staff']).default('staff'),
  reason: z.string().min(1).max(500).default('cancelled on request'),
}).strict();

/** The upgrade pipeline's routes (DESIGN §4): quotes, orders, cancellation, payments, staff changes. */
export const upgradeRoutes: ApiRoutePlugin = (app, ctx) => {
  app.get('/v1/services/:id/upgrade-options', async (req) =>
    listUpgradeOptions(ctx, parseParams(idParams, req.params).id, parseQuery(actorQuery, req.query).actor));

  app.post('/v1/services/:id/quote', async (req) =>
    priceUpgradeRequest(ctx, parseParams(idParams, req.params).id, parseBody(quoteBody, req.body ?? {})));

  app.post('/v1/services/:id/upgrades', { config: { idempotent: true } }, async (req, reply) => {
    const placed = await placeUpgrade(ctx, parseParams(idParams, req.params).id, parseBody(placeUpgradeSchema, req.body));
    return reply.code(202).header('location', `/v1/upgrades/${placed.upgradeId}`).send(placed);
  });

  app.get('/v1/upgrades/:id', async (req) => getUpgrade(ctx, parseParams(idParams, req.params).id));

  app.post('/v1/upgrades/:id/cancel', async (req) => {
    const id = parseParams(idParams, req.params).id;
    const body = parseBody(cancelBody, req.body ?? {});
    await cancelUpgrade(ctx, id, body.actor, body.reason);
    return getUpgrade(ctx, id);
  });

  app.post('/v1/invoices/:id/payments', { config: { idempotent: true } }, async (req, reply) =>
    reply.code(202).send(await recordPayment(ctx, parseParams(idParams, req.params).id, parseBody(paymentRequestSchema, req.body))));

  app.patch('/v1/services/:id', async (req) =>
    manualChange(ctx, parseParams(idParams, req.params).id, parseBody(manualChangeSchema, req.body)));

  app.post('/v1/services/:id/module/change-package', async (req, reply) =>
    reply.code(202).send(await requestChangePackage(ctx, parseParams(idParams, req.params).id)));
};
