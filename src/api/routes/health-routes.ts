import type { FastifyInstance } from 'fastify';

/** Reports each dependency as up (true) or down (false), e.g. `{ database: true, redis: false }`. */
export type ReadinessCheck = () => Promise<Record<string, boolean>>;

/**
 * `GET /health` answers as long as the process serves HTTP; `GET /ready` is 200 only when every readiness
 * check passes, else 503, and shows each check either way. Both are outside bearer auth (for probes).
 */
export function registerHealthRoutes(app: FastifyInstance, readiness: ReadinessCheck): void {
  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/ready', async (_request, reply) => {
    let checks: Record<string, boolean>;
    try {
      checks = await readiness();
    } catch {
      checks = { readiness: false };
    }
    const ready = Object.values(checks).every(Boolean);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
  });
}
