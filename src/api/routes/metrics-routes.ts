import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { processMetrics } from '../../observability/process-metrics.js';
import { createQueueDepthRegistry } from '../../observability/queue-depth-registry.js';
import { defineRoute, registerRoute } from '../route-spec.js';

/**
 * `GET /metrics` (Prometheus text format, outside bearer auth like the probes): this process's job, panel,
 * email and webhook metrics and Node's process metrics, plus the depth of every queue read from Redis now.
 * When Redis does not answer, the process metrics are still served and `upshift_queue_depth_up` is 0.
 */
export function registerMetricsRoutes(app: FastifyInstance, queues: readonly Queue[]): void {
  const depth = createQueueDepthRegistry(queues);
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/metrics',
      operationId: 'metrics',
      tag: 'Operations',
      roles: 'public',
      summary: 'Prometheus metrics',
      description:
        'Jobs, panel calls, emails, webhooks, queue depths (read from Redis now) and the process. See docs/OPERATIONS.md.',
      response: z.string(),
      contentType: 'text/plain',
      responseDescription: 'Prometheus text exposition format 0.0.4',
      handler: async ({ reply }) => {
        const registry = processMetrics().registry;
        void reply.type(registry.contentType);
        return [await registry.metrics(), await depth.metrics()].join('\n');
      },
    }),
  );
}
