import scalarApiReference from '@scalar/fastify-api-reference';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import '../fastify-augment.js';
import { defineRoute, registerRoute, type RouteDoc } from '../route-spec.js';
import { buildOpenApiDocument, type OpenApiDocument, type OpenApiOptions } from './build-openapi-document.js';

/**
 * The API describes itself (DESIGN §4.2): every route registered after this call with a `config.doc` (registerRoute)
 * is collected, `app.openapiDocument()` builds the OpenAPI 3.1 document from them, `GET /openapi.json` serves it and
 * `/docs` the interactive reference (Scalar, its script served from the package: no CDN). Both without a token.
 * Call it before registering the routes to describe.
 */
export async function registerApiDescription(app: FastifyInstance, opts: OpenApiOptions = {}): Promise<void> {
  const docs: RouteDoc[] = [];
  let cached: { count: number; document: OpenApiDocument } | null = null;
  app.addHook('onRoute', (route) => {
    // Fastify adds a HEAD route beside each GET, with the same config: the GET describes both.
    if (route.config?.doc && route.method !== 'HEAD') docs.push(route.config.doc);
  });
  app.decorate('openapiDocument', () => {
    if (cached?.count !== docs.length) cached = { count: docs.length, document: buildOpenApiDocument(docs, opts) };
    return cached.document;
  });

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/openapi.json',
      operationId: 'openapi',
      tag: 'Operations',
      roles: 'public',
      summary: 'This document (OpenAPI 3.1)',
      description:
        'Generated from the schemas that validate the requests; the same as `upshift openapi` prints. The reference page is at `/docs`.',
      response: z.looseObject({ openapi: z.literal('3.1.0') }).meta({ description: 'An OpenAPI 3.1 document' }),
      responseDescription: 'The OpenAPI document',
      handler: async () => app.openapiDocument(),
    }),
  );

  await app.register(scalarApiReference, {
    routePrefix: '/docs',
    logLevel: 'silent',
    configuration: {
      url: '/openapi.json',
      pageTitle: 'Upshift API reference',
      // Offline by design: no web fonts from a CDN, no telemetry, no buttons for hosted services (client, AI agent, MCP).
      withDefaultFonts: false,
      hideClientButton: true,
      defaultOpenAllTags: true,
      showDeveloperTools: 'never',
      telemetry: false,
      mcp: { disabled: true },
      agent: { disabled: true },
    },
  });
}
