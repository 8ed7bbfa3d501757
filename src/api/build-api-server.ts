import type { Queue } from 'bullmq';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AppContext } from '../app/app-context.js';
import type { ApiRoutePlugin } from './api-route-plugin.js';
import { BearerTokenVerifier } from './auth/bearer-token-verifier.js';
import { registerAccessControl } from './auth/route-access.js';
import type { LoginThrottle } from './dashboard/login-throttle.js';
import { registerDashboard } from './dashboard/register-dashboard.js';
import { toErrorResponse } from './error-response.js';
import './fastify-augment.js';
import { registerIdempotency } from './idempotency/idempotency-hooks.js';
import { IdempotencyStore, type IdempotencyStoreOptions } from './idempotency/idempotency-store.js';
import { DEMO_EXAMPLES } from './openapi/demo-examples.js';
import { registerApiDescription } from './openapi/register-api-description.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { upgradeRoutes } from './routes/upgrade-routes.js';
import { registerHealthRoutes, type ReadinessCheck } from './routes/health-routes.js';
import { registerMetricsRoutes } from './routes/metrics-routes.js';

/** Options of {@link buildApiServer}. */
export interface BuildApiServerOptions {
  /** Backs `GET /ready`: each dependency up or down. */
  readiness: ReadinessCheck;
  /** Route groups added after the built-in ones (health, the catalog and the upgrade pipeline). @defaultValue [] */
  routes?: ApiRoutePlugin[];
  /** Largest accepted request body in bytes; larger is 413. @defaultValue 1048576 (1 MiB) */
  bodyLimit?: number;
  /** Idempotency-Key storage settings. @defaultValue {} (see IdempotencyStoreOptions) */
  idempotency?: IdempotencyStoreOptions;
  /**
   * The BullMQ queues `/metrics` counts and the retry dashboard (`/admin/queues`, mounted only when
   * DASHBOARD_PASSWORD is set) shows. @defaultValue [] (no queue depths, no dashboard)
   */
  queues?: readonly Queue[];
  /** Slows down repeated wrong dashboard credentials. @defaultValue a LoginThrottle with its defaults (3 free failures, then 0.5 s doubling to 10 s) */
  dashboardThrottle?: LoginThrottle;
}

const routeOf = (request: FastifyRequest) => request.routeOptions.url ?? 'unmatched';

/**
 * The HTTP API (DESIGN §4): JSON only, bearer auth, `Idempotency-Key` on creating POSTs, and one error shape
 * `{"error":{"code","message","details"?}}` for everything that goes wrong — framework errors included. It describes
 * itself: `GET /openapi.json` (OpenAPI 3.1, from the routes' own schemas) and the reference page at `/docs`.
 * The instance is returned unstarted; call `listen` (or `inject` in tests) and `close` when done.
 */
export async function buildApiServer(ctx: AppContext, opts: BuildApiServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: opts.bodyLimit ?? 1_048_576,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Errors the router raises before any route runs (a URL with broken percent-encoding) get the same error shape.
    frameworkErrors: (err, _request, reply) => {
      const { status, body } = toErrorResponse(err);
      void (reply as FastifyReply).code(status).send(body);
    },
  });
  // JSON only: Fastify also parses text/plain by default; without a parser such bodies are 415.
  app.removeContentTypeParser('text/plain');

  const routeTable = registerAccessControl(app, new BearerTokenVerifier(ctx.config.apiTokens));
  app.decorate('routeTable', routeTable);

  registerIdempotency(app, new IdempotencyStore(ctx.ds, opts.idempotency), ctx.log);

  app.setErrorHandler(async (err, request, reply) => {
    const { status, body } = toErrorResponse(err);
    if (status >= 500)
      ctx.log.error({ err, method: request.method, route: routeOf(request), reqId: request.id }, 'request failed');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler(async (request, reply) =>
    reply
      .code(404)
      .send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
  );
  app.addHook('onResponse', async (request, reply) => {
    ctx.log.info(
      { method: request.method, route: routeOf(request), status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  // Before the routes it describes: it collects each one as it is registered.
  await registerApiDescription(app, { examples: DEMO_EXAMPLES });
  registerHealthRoutes(app, opts.readiness);
  registerMetricsRoutes(app, opts.queues ?? []);
  if (ctx.config.dashboardPassword !== '' && opts.queues?.length)
    await registerDashboard(app, ctx, opts.queues, opts.dashboardThrottle);
  for (const plugin of [catalogRoutes, upgradeRoutes, ...(opts.routes ?? [])]) {
    await app.register(async (scope) => {
      await plugin(scope, ctx);
    });
  }
  return app;
}
