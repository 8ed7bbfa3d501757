import type { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import type { ApiRole } from '../../config/api-tokens.js';
import type { ApiRoutePlugin } from '../api-route-plugin.js';
import { idParams } from '../schemas/fields.js';
import { parseBody, parseParams } from '../validation/parse-input.js';

/** How a resource is created and read: use cases taking the context. */
export interface ResourceHandlers<S extends z.ZodType, V extends { id: number }> {
  /** Body schema of `POST <base>`; omit for read-only resources. */
  body?: S;
  create?: (ctx: AppContext, input: z.output<S>) => Promise<V>;
  get: (ctx: AppContext, id: number) => Promise<V>;
  /** Who may create (`POST <base>`) and who may read (`GET <base>/:id`), DESIGN §4.1. */
  roles: { create?: readonly ApiRole[]; read: readonly ApiRole[] };
}

/**
 * `POST <base>` (validated body → create → 201 with the resource and its `Location`, Idempotency-Key honoured)
 * and `GET <base>/:id` (→ the same resource, 404 when unknown).
 */
export function resourceRoutes<S extends z.ZodType, V extends { id: number }>(base: string, handlers: ResourceHandlers<S, V>): ApiRoutePlugin {
  return (app, ctx) => {
    const { body, create, roles } = handlers;
    if (body && create) {
      app.post(base, { config: { idempotent: true, roles: roles.create ?? ['staff'] } }, async (request, reply) => {
        const created = await create(ctx, parseBody(body, request.body));
        return reply.code(201).header('location', `${base}/${created.id}`).send(created);
      });
    }
    app.get(`${base}/:id`, { config: { roles: roles.read } }, async (request) => handlers.get(ctx, parseParams(idParams, request.params).id));
  };
}
