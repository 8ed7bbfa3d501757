import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../app/errors.js';
import type { Logger } from '../../observability/logger.js';
import '../fastify-augment.js';
import { canonicalJson } from './canonical-json.js';
import type { IdempotencyStore } from './idempotency-store.js';

/** The header, its allowed characters and length (1-128, the `idempotency_keys.key` column). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,128}$/;
/** Set on a replayed response so a client can tell it from the first one. */
export const REPLAYED_HEADER = 'idempotent-replayed';

const sha256Hex = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** The key's namespace: the caller's token, the method and the route pattern (max 120 chars, the column). */
export function idempotencyScope(tokenId: string | null, method: string, routePattern: string): string {
  const scope = `${tokenId ?? 'public'}:${method} ${routePattern}`;
  return scope.length <= 120 ? scope : `${tokenId ?? 'public'}:${sha256Hex(`${method} ${routePattern}`)}`;
}

/** What makes two requests "the same": the body and the route parameters, with keys in canonical order. */
export function idempotencyRequestHash(body: unknown, params: unknown): string {
  return sha256Hex(canonicalJson({ body: body ?? null, params: params ?? {} }));
}

function readKey(request: FastifyRequest): string | null {
  const raw = request.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !KEY_PATTERN.test(raw)) {
    const message = 'must be 1-128 characters of A-Z, a-z, 0-9, _, -, : or .';
    throw new ValidationError(`Idempotency-Key ${message}`, [{ field: 'Idempotency-Key', message }]);
  }
  return raw;
}

/**
 * Adds `Idempotency-Key` handling to every route that opts in with `config: { idempotent: true }`:
 *
 * - no header: the request runs as usual;
 * - first request with a key: it runs, and its response (status < 500) is stored with the key;
 * - same key, same body and params: the stored status and body are sent again, with `Idempotent-Replayed: true`;
 * - same key, other body or params: 409 `idempotency_key_reused`;
 * - same key while the first request still runs: 409 `idempotency_key_in_progress`;
 * - a 5xx releases the key, so the client may retry with it.
 *
 * Keys are scoped per bearer token, method and route pattern. Register once, on the root instance, before the
 * routes (buildApiServer does this).
 */
export function registerIdempotency(app: FastifyInstance, store: IdempotencyStore, log: Logger): void {
  app.decorateRequest('idempotencyClaimId', null);

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.config.idempotent !== true) return;
    const key = readKey(request);
    if (key === null) return;
    const scope = idempotencyScope(request.apiTokenId, request.method, request.routeOptions.url ?? request.url);
    const claim = await store.claim(scope, key, idempotencyRequestHash(request.body, request.params));
    if (claim.kind === 'claimed') {
      request.idempotencyClaimId = claim.id;
      return;
    }
    // The stored body is the serialized response text, so the replay is byte-for-byte the first response.
    reply.code(claim.status).header(REPLAYED_HEADER, 'true');
    if (typeof claim.body === 'string') reply.type('application/json; charset=utf-8');
    await reply.send(claim.body);
    return reply;
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const id = request.idempotencyClaimId;
    if (id === null) return payload;
    request.idempotencyClaimId = null;
    try {
      if (reply.statusCode >= 500 || typeof payload !== 'string') await store.release(id);
      else await store.complete(id, reply.statusCode, payload);
    } catch (err) {
      // The response still goes out; an unfinished claim is taken over once stale (IdempotencyStore).
      log.error({ err, idempotencyKeyId: id }, 'could not store the idempotent response');
    }
    return payload;
  });
}
