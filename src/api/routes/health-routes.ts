import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, registerRoute } from '../route-spec.js';

/** Reports each dependency as up (true) or down (false), e.g. `{ database: true, redis: false }`. */
export type ReadinessCheck = () => Promise<Record<string, boolean>>;

const readiness = z
  .strictObject({
    status: z.enum(['ready', 'not_ready']),
    checks: z
      .record(z.string(), z.boolean())
      .meta({ description: 'Each dependency, up or down', examples: [{ database: true, redis: true }] }),
  })
  .meta({ id: 'Readiness', description: 'Whether every dependency answers' });

/**
 * `GET /health` answers as long as the process serves HTTP; `GET /ready` is 200 only when every readiness
 * check passes, else 503, and shows each check either way. Both are outside bearer auth (for probes).
 */
export function registerHealthRoutes(app: FastifyInstance, check: ReadinessCheck): void {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/health',
      operationId: 'health',
      tag: 'Operations',
      roles: 'public',
      summary: 'Liveness: the process serves HTTP',
      response: z.strictObject({ status: z.literal('ok') }),
      responseDescription: 'Alive',
      handler: async () => ({ status: 'ok' as const }),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/ready',
      operationId: 'ready',
      tag: 'Operations',
      roles: 'public',
      summary: 'Readiness: the database and Redis answer',
      response: readiness,
      responseDescription: 'Every check passed',
      extraResponses: {
        503: {
          description: 'A check failed (a check that throws counts as `{"readiness": false}`)',
          schema: readiness,
        },
      },
      handler: async ({ reply }) => {
        let checks: Record<string, boolean>;
        try {
          checks = await check();
        } catch {
          checks = { readiness: false };
        }
        const ready = Object.values(checks).every(Boolean);
        void reply.code(ready ? 200 : 503);
        return { status: ready ? ('ready' as const) : ('not_ready' as const), checks };
      },
    }),
  );
}
