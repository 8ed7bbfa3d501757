import type { Queue } from 'bullmq';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerHealthRoutes, type ReadinessCheck } from './routes/health-routes.js';
import { registerMetricsRoutes } from './routes/metrics-routes.js';

/**
 * The probe server of a workers-only process (`upshift start --workers …`): `/health`, `/ready` and `/metrics`
 * (its own job, panel, email and webhook figures) on `METRICS_PORT`, with no API routes and no auth, so an
 * orchestrator can health-check it and Prometheus can scrape every worker.
 */
export function buildProbeServer(readiness: ReadinessCheck, queues: readonly Queue[]): FastifyInstance {
  const app = Fastify({ logger: false });
  registerHealthRoutes(app, readiness);
  registerMetricsRoutes(app, queues);
  return app;
}
