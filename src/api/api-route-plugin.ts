import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/app-context.js';
import './fastify-augment.js';

/**
 * A group of routes. `buildApiServer` registers each plugin in its own encapsulated Fastify scope, after the
 * auth, idempotency and error handling are in place, so a plugin only declares routes:
 *
 * ```ts
 * export const upgradeRoutes: ApiRoutePlugin = (app, ctx) => {
 *   app.post('/v1/services/:id/upgrades', { config: { idempotent: true } }, async (req, reply) => { … });
 * };
 * ```
 */
export type ApiRoutePlugin = (app: FastifyInstance, ctx: AppContext) => void | Promise<void>;
