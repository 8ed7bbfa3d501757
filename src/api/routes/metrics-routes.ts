import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { processMetrics } from '../../observability/process-metrics.js';
import { createQueueDepthRegistry } from '../../observability/queue-depth-registry.js';

/**
 * `GET /metrics` (Prometheus text format, outside bearer auth like the probes): this process's job, panel,
 * email and webhook metrics and Node's process metrics, plus the depth of every queue read from Redis now.
 * When Redis does not answer, the process metrics are still served and `upshift_queue_depth_up` is 0.
 */
export function registerMetricsRoutes(app: FastifyInstance, queues: readonly Queue[]): void {
  const depth = createQueueDepthRegistry(queues);
  app.get('/metrics', async (_request, reply) => {
    const registry = processMetrics().registry;
    const text = [await registry.metrics(), await depth.metrics()].join('\n');
    return reply.type(registry.contentType).send(text);
  });
}
