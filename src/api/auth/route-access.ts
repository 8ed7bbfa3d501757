import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiRole } from '../../config/api-tokens.js';
import '../fastify-augment.js';
import type { BearerTokenVerifier } from './bearer-token-verifier.js';

/** One route as registered, with the roles allowed to call it (null: public, outside bearer auth). */
export interface RouteAccess {
  method: string;
  url: string;
  roles: readonly ApiRole[] | null;
}

/** Route patterns outside bearer auth: probes, metrics, the API description, the dashboard (its own credentials). */
export function isPublicRoute(pattern: string | undefined): boolean {
  if (pattern === undefined) return false;
  return (
    pattern === '/health' ||
    pattern === '/ready' ||
    pattern === '/metrics' ||
    pattern === '/openapi.json' ||
    pattern === '/docs' ||
    pattern.startsWith('/docs/') ||
    pattern === '/admin' ||
    pattern.startsWith('/admin/')
  );
}

const unauthorized = { error: { code: 'unauthorized', message: 'A valid bearer token is required' } };

/**
 * Bearer auth and roles in one place (DESIGN §4.1). Every route that is not public must declare
 * `config: { roles: [...] }` — registering one without is an error at start-up, so a new route cannot be added
 * without choosing who may call it. On each request, before the body is read: no valid token → 401; a role the
 * route does not list → 403 `forbidden`. Unmatched paths fall through to the 404 handler. Returns the live list of
 * registered routes and their roles (the route table test reads it).
 */
export function registerAccessControl(app: FastifyInstance, verifier: BearerTokenVerifier): RouteAccess[] {
  const table: RouteAccess[] = [];
  app.decorateRequest('apiTokenId', null);
  app.decorateRequest('apiRole', null);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const roles = route.config?.roles ?? null;
    if (!isPublicRoute(route.url) && (roles === null || roles.length === 0)) {
      throw new Error(
        `route ${methods.join(',')} ${route.url} declares no roles: add config.roles (see src/api/auth/route-access.ts)`,
      );
    }
    for (const method of methods)
      if (method !== 'HEAD') table.push({ method, url: route.url, roles: isPublicRoute(route.url) ? null : roles });
  });
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const pattern = request.routeOptions.url;
    // Unmatched paths count by their URL, so /admin/queues without a dashboard is a 404 rather than a 401.
    if (isPublicRoute(pattern ?? request.url.split('?')[0])) return;
    const caller = verifier.verify(request.headers.authorization);
    if (caller === null) {
      await reply.code(401).header('www-authenticate', 'Bearer').send(unauthorized);
      return reply;
    }
    request.apiTokenId = caller.tokenId;
    request.apiRole = caller.role;
    if (pattern === undefined) return; // no such route: the 404 handler answers
    const roles = request.routeOptions.config.roles ?? [];
    if (!roles.includes(caller.role)) {
      await reply.code(403).send({
        error: {
          code: 'forbidden',
          message: `The ${caller.role} role may not call ${request.method} ${pattern}; it is for ${roles.join(', ')}`,
        },
      });
      return reply;
    }
  });
  return table;
}
