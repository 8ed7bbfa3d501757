import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../../config/package-root.js';
import { API_TAGS, openApiPath, type RouteDoc } from '../route-spec.js';
import { ERROR_CODES, errorBody, type ErrorCode } from '../schemas/error-body.js';
import { ALL_WEBHOOK_EVENT_TYPES, WEBHOOK_EVENT_DESCRIPTIONS, webhookEventBody } from '../schemas/webhook-events.js';

/** A JSON Schema (2020-12) or any other part of the document, as plain JSON. */
export type Json = Record<string, unknown>;

/** The OpenAPI 3.1 document, as served at `GET /openapi.json`. */
export interface OpenApiDocument {
  [field: string]: unknown;
  openapi: '3.1.0';
  info: Json;
  servers: Json[];
  security: Json[];
  tags: Json[];
  paths: Record<string, Record<string, Json>>;
  webhooks: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; securitySchemes: Json; parameters: Json; headers: Json };
}

/** A real request and answer of one operation, shown as its examples (see demo-examples.ts). */
export interface OperationExample {
  request?: unknown;
  response?: unknown;
}

/** Options of {@link buildOpenApiDocument}. */
export interface OpenApiOptions {
  /** Examples by operationId. @defaultValue {} */
  examples?: Record<string, OperationExample>;
}

/**
 * Turns zod schemas into JSON Schema with zod's own converter, collecting every schema that carries an `id`
 * (`.meta({ id })`) once under `components.schemas` and referring to it from everywhere else.
 */
class SchemaCollector {
  readonly components: Record<string, Json> = {};
  private readonly seen = new Map<string, string>();

  convert(schema: z.ZodType, io: 'input' | 'output'): Json {
    const converted = z.toJSONSchema(schema, {
      io,
      target: 'draft-2020-12',
      unrepresentable: 'throw',
      reused: 'inline',
    }) as Json;
    const text = JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/');
    const { $schema: _dialect, $defs, ...rest } = JSON.parse(text) as Json & { $defs?: Record<string, Json> };
    for (const [id, def] of Object.entries($defs ?? {})) {
      const body = JSON.stringify(def);
      const before = this.seen.get(id);
      if (before !== undefined && before !== body)
        throw new Error(`schema id ${id} stands for two different schemas (input and output?): give one another id`);
      this.seen.set(id, body);
      this.components[id] = def;
    }
    return rest;
  }
}

/** Route parameters (`in: path | query`) from an object schema: each property's parsed type, required unless optional. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query', schemas: SchemaCollector): Json[] {
  if (!schema) return [];
  if (!(schema instanceof z.ZodObject)) throw new Error(`${where} parameters must be a z.object`);
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, prop]) => {
    const described = schemas.convert(prop, 'output');
    const { description, ...rest } = described;
    return {
      name,
      in: where,
      required: where === 'path' || !prop.safeParse(undefined).success,
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

/** The error codes a route answers: its own, plus those every route of its kind shares. */
export function routeErrorCodes(doc: RouteDoc): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (doc.params || doc.query || doc.body || doc.idempotent) codes.add('invalid_input');
  if (doc.params) {
    codes.add('bad_request');
    codes.add('uri_too_long');
  }
  if (doc.method !== 'GET')
    for (const c of ['invalid_json', 'bad_request', 'payload_too_large', 'unsupported_media_type'] as const)
      codes.add(c);
  if (doc.roles !== 'public') {
    codes.add('unauthorized');
    codes.add('forbidden');
  }
  if (doc.url.includes('/:id')) codes.add('not_found');
  if (doc.idempotent) {
    codes.add('idempotency_key_reused');
    codes.add('idempotency_key_in_progress');
  }
  for (const c of doc.errors ?? []) codes.add(c);
  codes.add('internal_error');
  return [...codes];
}

function errorResponses(doc: RouteDoc, schemas: SchemaCollector): Record<string, Json> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of routeErrorCodes(doc)) {
    const { status } = ERROR_CODES[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, Json> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const description = codes.map((c) => `- \`${c}\`: ${ERROR_CODES[c].description}`).join('\n');
    out[String(status)] = {
      description,
      ...(status === 401 ? { headers: { 'WWW-Authenticate': { $ref: '#/components/headers/WWW-Authenticate' } } } : {}),
      content: { 'application/json': { schema: schemas.convert(errorBody(codes), 'output') } },
    };
  }
  return out;
}

function operation(doc: RouteDoc, schemas: SchemaCollector, example: OperationExample | undefined): Json {
  const roles = doc.roles === 'public' ? 'none: no token needed' : doc.roles.join(', ');
  const status = String(doc.status ?? 200);
  const contentType = doc.contentType ?? 'application/json';
  const successHeaders: Json = {
    ...(doc.location ? { Location: { $ref: '#/components/headers/Location' } } : {}),
    ...(doc.idempotent ? { 'Idempotent-Replayed': { $ref: '#/components/headers/Idempotent-Replayed' } } : {}),
  };
  const responses: Record<string, Json> = {
    [status]: {
      description: doc.responseDescription,
      ...(Object.keys(successHeaders).length > 0 ? { headers: successHeaders } : {}),
      content: {
        [contentType]: {
          schema: schemas.convert(doc.response, 'output'),
          ...(example?.response !== undefined ? { example: example.response } : {}),
        },
      },
    },
  };
  for (const [extra, r] of Object.entries(doc.extraResponses ?? {})) {
    responses[extra] = {
      description: r.description,
      content: { 'application/json': { schema: schemas.convert(r.schema, 'output') } },
    };
  }
  Object.assign(responses, errorResponses(doc, schemas));
  return {
    operationId: doc.operationId,
    tags: [doc.tag],
    summary: doc.summary,
    description: [doc.description, `**Roles:** ${roles}.`].filter(Boolean).join('\n\n'),
    'x-roles': doc.roles === 'public' ? [] : [...doc.roles],
    ...(doc.roles === 'public' ? { security: [] } : {}),
    parameters: [
      ...parameters(doc.params, 'path', schemas),
      ...parameters(doc.query, 'query', schemas),
      ...(doc.idempotent ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
    ],
    ...(doc.body
      ? {
          requestBody: {
            required: !doc.bodyOptional,
            content: {
              'application/json': {
                schema: schemas.convert(doc.body, 'input'),
                ...(example?.request !== undefined ? { example: example.request } : {}),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

function webhooks(schemas: SchemaCollector): OpenApiDocument['webhooks'] {
  const header = (name: string, description: string, pattern?: string): Json => ({
    name,
    in: 'header',
    required: true,
    description,
    schema: { type: 'string', ...(pattern ? { pattern } : {}) },
  });
  const headers = [
    header(
      'webhook-id',
      "Standard Webhooks message id: the delivery id, the same as the body's `id`",
      '^whd_[0-9a-f]{32}$',
    ),
    header('webhook-timestamp', 'Standard Webhooks: unix seconds when this attempt was signed', '^\\d+$'),
    header(
      'webhook-signature',
      'Standard Webhooks: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">`; more space-separated entries may follow',
    ),
    header('Upshift-Event', 'The event type'),
    header('Upshift-Delivery', 'The delivery id again'),
    header(
      'Upshift-Signature',
      '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with WEBHOOK_SECRET as written',
    ),
  ];
  return Object.fromEntries(
    ALL_WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace('.', '_')}`,
          tags: ['Webhooks'],
          summary: type,
          description:
            `${WEBHOOK_EVENT_DESCRIPTIONS[type]}\n\nPOSTed to every URL of \`WEBHOOK_URLS\`, signed (Standard Webhooks and \`Upshift-Signature\`), ` +
            'retried with backoff until the endpoint answers 2xx. Delivery is at-least-once: de-duplicate on `id`. See docs/WEBHOOKS.md.',
          security: [],
          parameters: headers,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemas.convert(webhookEventBody(type), 'output') } },
          },
          responses: {
            '2XX': { description: 'Received: the delivery is done' },
            '4XX': {
              description:
                'Refused for good (except 408 and 429, which are retried): the delivery fails without retries',
            },
            '5XX': { description: 'Failed: retried with backoff' },
          },
        },
      },
    ]),
  );
}

const INTRO = `JSON over HTTP for billing front-ends: quotes, upgrade orders, invoices and payments, the catalog.

- **Auth:** \`Authorization: Bearer <token>\`. Each token has a role — \`staff\`, \`storefront\` or \`gateway\` — and each operation lists the
  roles that may call it (\`x-roles\`); any other role gets **403** \`forbidden\`. \`/health\`, \`/ready\`, \`/metrics\`, this document and
  \`/docs\` need no token; the retry dashboard (\`/admin/queues\`) has its own credentials and is not part of this API.
- **Money** is a decimal string in the resource's currency (\`"10.50"\`, \`"1000"\` for JPY), never a JSON number. Ids are integers, dates
  \`YYYY-MM-DD\`, instants ISO 8601 UTC.
- **Idempotency:** every creating \`POST\` takes an \`Idempotency-Key\`: the same key and body answer the stored response again
  (\`Idempotent-Replayed: true\`); the same key with another body is **409** \`idempotency_key_reused\`.
- **Lists** are newest first with keyset pagination: \`limit\` (default 50, at most 500) and the opaque \`next\` cursor, passed back as \`cursor\`.
- **Errors** all have one shape, \`{"error": {"code", "message", "details"?}}\`; each operation lists the codes it may answer.
- **Webhooks** (below) follow the Standard Webhooks specification.

Generated from the schemas that validate the requests (\`upshift openapi\` prints it). Guides: docs/API.md, docs/SECURITY.md, docs/WEBHOOKS.md.`;

/** The package version, shown as the document's `info.version`. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The OpenAPI 3.1 document of `routes` (DESIGN §4.2), generated from the zod schemas each route declares and validates
 * with — path, query and body schemas as the requests are parsed, response schemas as the answers are typed — plus
 * every error code each route can answer, the bearer scheme, roles, `Idempotency-Key`, and the webhook events.
 */
export function buildOpenApiDocument(routes: readonly RouteDoc[], opts: OpenApiOptions = {}): OpenApiDocument {
  const schemas = new SchemaCollector();
  const paths: OpenApiDocument['paths'] = {};
  for (const doc of [...routes].sort((a, b) => a.url.localeCompare(b.url))) {
    const path = openApiPath(doc.url);
    const item = (paths[path] ??= {});
    if (item[doc.method.toLowerCase()]) throw new Error(`two routes for ${doc.method} ${doc.url}`);
    item[doc.method.toLowerCase()] = operation(doc, schemas, opts.examples?.[doc.operationId]);
  }
  const hooks = webhooks(schemas);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Upshift API',
      version: packageVersion(),
      summary: 'Upgrades and provisioning for hosting billing systems',
      description: INTRO,
      license: { name: 'UNLICENSED', identifier: 'LicenseRef-UNLICENSED' },
    },
    servers: [{ url: '/', description: 'The Upshift API serving this document' }],
    security: [{ bearerAuth: [] }],
    tags: [
      ...Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
      { name: 'Webhooks', description: 'Events Upshift POSTs to WEBHOOK_URLS (docs/WEBHOOKS.md).' },
    ],
    paths,
    webhooks: hooks,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas.components).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A token from `API_TOKENS` (`role:token`, role `staff`, `storefront` or `gateway`; a bare token is `staff`). Compared in constant time.',
        },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Makes a retry safe: the same key and request answer the stored response again; the same key with another request is 409. ' +
            'Scoped to the token, method and route; kept for `IDEMPOTENCY_RETENTION_HOURS` (72).',
          schema: { type: 'string', pattern: '^[A-Za-z0-9_\\-:.]{1,128}$' },
          example: 'order-7f3a2c',
        },
      },
      headers: {
        Location: {
          description: 'Where the created resource (or the queued order) can be read',
          schema: { type: 'string' },
        },
        'Idempotent-Replayed': {
          description: '`true` on an answer replayed for a repeated Idempotency-Key',
          schema: { type: 'string', enum: ['true'] },
        },
        'WWW-Authenticate': { description: '`Bearer`', schema: { type: 'string' } },
      },
    },
  };
}
