import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ApiRole } from '../config/api-tokens.js';
import { isPublicRoute } from './auth/route-access.js';
import './fastify-augment.js';
import type { ErrorCode } from './schemas/error-body.js';
import { parseBody, parseParams, parseQuery } from './validation/parse-input.js';

/** The groups of the API reference, in the order it shows them. */
export const API_TAGS = {
  Upgrades: 'Quotes, orders, their cancellation and progress (DESIGN §3, §4).',
  Invoices: 'Upgrade invoices and the payments gateways report for them.',
  Services: 'Hosting services: create, read, list, change by hand, run ChangePackage.',
  Catalog: 'Servers, products, clients and promotions (staff only).',
  Operations: 'Probes, metrics and this description (no token).',
} as const;

export type ApiTag = keyof typeof API_TAGS;

/** A response other than the route's success answer (e.g. `/ready`'s 503). */
export interface ExtraResponse {
  description: string;
  schema: z.ZodType;
}

/**
 * Everything the OpenAPI document says about a route, declared next to its handler (see {@link ApiRouteSpec}). The
 * schemas here are the ones the route validates its input with, so the document cannot drift from the code.
 */
export interface RouteDoc {
  method: 'GET' | 'POST' | 'PATCH';
  /** Fastify pattern, `:name` for path parameters: `/v1/services/:id/quote`. */
  url: string;
  /** Unique, camelCase: `placeUpgrade`. */
  operationId: string;
  tag: ApiTag;
  /** One line shown in the reference's sidebar. */
  summary: string;
  /** Markdown shown under the summary. @defaultValue none */
  description?: string;
  /** Roles that may call it (DESIGN §4.1), or `public` for routes outside bearer auth. */
  roles: readonly ApiRole[] | 'public';
  /** Honours `Idempotency-Key`. @defaultValue false */
  idempotent?: boolean;
  /** Path parameters. @defaultValue none */
  params?: z.ZodType;
  /** Query string. @defaultValue none */
  query?: z.ZodType;
  /** JSON body. @defaultValue none */
  body?: z.ZodType;
  /** The body may be left out; it is then read as `{}`. @defaultValue false */
  bodyOptional?: boolean;
  /** Status of the success answer. @defaultValue 200 */
  status?: 200 | 201 | 202;
  /** What the success answer is. */
  responseDescription: string;
  /** Schema of the success answer's body. */
  response: z.ZodType;
  /** Media type of the success answer. @defaultValue `application/json` */
  contentType?: string;
  /** The success answer carries a `Location` header. @defaultValue false */
  location?: boolean;
  /**
   * The route's own error codes (what its use case throws). The codes every route of its kind answers (401, 403,
   * 400 `invalid_input`, 404 for `:id` routes, the body and idempotency errors, 500) are added by the document.
   * @defaultValue []
   */
  errors?: readonly ErrorCode[];
  /** Other non-error answers, by status. @defaultValue {} */
  extraResponses?: Record<number, ExtraResponse>;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: the validated input and the raw request and reply. */
export interface RouteInput<P, Q, B> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * A route: its documentation ({@link RouteDoc}) and a handler that receives the input parsed with the declared schemas
 * (400 `invalid_input` naming each bad field otherwise) and returns the success body, typed by the response schema.
 */
export interface ApiRouteSpec<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
> extends RouteDoc {
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Runs the use case. With `location`, the returned body's `Location` is `locationOf(body)`. */
  handler: (input: RouteInput<P, Q, B>) => Promise<z.input<R>>;
  /** The `Location` of the created resource. @defaultValue none */
  locationOf?: (body: z.input<R>) => string;
}

/** Declares a route (identity function: it only infers the schema types for the handler). */
export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(spec: ApiRouteSpec<P, Q, B, R>): ApiRouteSpec<P, Q, B, R> {
  return spec;
}

/** The OpenAPI path of a Fastify pattern: `/v1/services/:id` → `/v1/services/{id}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * Registers a declared route on `app`: roles and idempotency go to the route config (the access control and the
 * idempotency hooks read them there), the documentation to `config.doc` (the OpenAPI document reads it there), and
 * the handler is wrapped to parse params, query and body with the declared schemas and send the declared status.
 */
export function registerRoute<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
>(app: FastifyInstance, spec: ApiRouteSpec<P, Q, B, R>): void {
  if ((spec.roles === 'public') !== isPublicRoute(spec.url)) {
    throw new Error(
      `route ${spec.method} ${spec.url}: roles '${String(spec.roles)}' disagree with isPublicRoute (src/api/auth/route-access.ts)`,
    );
  }
  const { handler, locationOf, ...doc } = spec;
  app.route({
    method: spec.method,
    url: spec.url,
    config: { ...(spec.roles === 'public' ? {} : { roles: spec.roles }), idempotent: spec.idempotent ?? false, doc },
    handler: async (request, reply) => {
      const input = {
        params: (spec.params ? parseParams(spec.params, request.params) : undefined) as Parsed<P>,
        query: (spec.query ? parseQuery(spec.query, request.query) : undefined) as Parsed<Q>,
        body: (spec.body
          ? parseBody(spec.body, spec.bodyOptional ? (request.body ?? {}) : request.body)
          : undefined) as Parsed<B>,
        request,
        reply,
      };
      const body = await handler(input);
      if (reply.sent) return reply;
      if (locationOf) void reply.header('location', locationOf(body));
      if (spec.contentType && !reply.hasHeader('content-type')) void reply.type(spec.contentType);
      return reply.code(reply.statusCode !== 200 ? reply.statusCode : (spec.status ?? 200)).send(body);
    },
  });
}
