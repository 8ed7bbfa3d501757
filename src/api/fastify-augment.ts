// Type additions for what Upshift hangs on Fastify's request and route config.
import 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route creates something and honours an `Idempotency-Key` header (see idempotency/idempotency-hooks.ts).
     * @defaultValue false
     */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    /** First 16 hex characters of the SHA-256 of the caller's bearer token; null on public routes. */
    apiTokenId: string | null;
    /** The `idempotency_keys` row this request claimed; null when it carries no key or is a replay. */
    idempotencyClaimId: number | null;
  }
}
