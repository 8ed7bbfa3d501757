// Type additions for what Upshift hangs on Fastify's request and route config.
import 'fastify';
import type { ApiRole } from '../config/api-tokens.js';
import type { RouteAccess } from './auth/route-access.js';
import type { OpenApiDocument } from './openapi/build-openapi-document.js';
import type { RouteDoc } from './route-spec.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route creates something and honours an `Idempotency-Key` header (see idempotency/idempotency-hooks.ts).
     * @defaultValue false
     */
    idempotent?: boolean;
    /** Roles that may call the route (DESIGN §4.1); required on every route outside the public ones. */
    roles?: readonly ApiRole[];
    /** What the OpenAPI document says about the route (set by registerRoute, src/api/route-spec.ts). @defaultValue none: not in the document */
    doc?: RouteDoc;
  }
  interface FastifyRequest {
    /** First 16 hex characters of the SHA-256 of the caller's bearer token; null on public routes. */
    apiTokenId: string | null;
    /** The caller's role; null on public routes. */
    apiRole: ApiRole | null;
    /** The `idempotency_keys` row this request claimed; null when it carries no key or is a replay. */
    idempotencyClaimId: number | null;
  }
  interface FastifyInstance {
    /** Every route registered so far, with the roles that may call it (src/api/auth/route-access.ts). */
    routeTable: RouteAccess[];
    /** The OpenAPI 3.1 document of the routes registered so far (src/api/openapi/build-openapi-document.ts). */
    openapiDocument(): OpenApiDocument;
  }
}
