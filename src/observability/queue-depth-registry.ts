import type { Queue } from 'bullmq';
import { Gauge, Registry } from 'prom-client';

/** The job states whose counts are reported. */
export const REPORTED_JOB_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const;

/**
 * A registry read from Redis at scrape time (BullMQ `getJobCounts`), so the figures are the cluster's whichever
 * process is scraped: `upshift_queue_jobs{queue,state}`, and `upshift_queue_depth_up` (0 when Redis did not
 * answer; the counts are then left out rather than reported as zero).
 */
export function createQueueDepthRegistry(queues: readonly Queue[]): Registry {
  const registry = new Registry();
  let readOk = false;
  // Registered first, so it is collected (and sets readOk) before the gauge below is rendered.
  new Gauge({
    name: 'upshift_queue_jobs', help: 'Jobs in each queue by state, read from Redis at scrape time',
    labelNames: ['queue', 'state'] as const, registers: [registry],
    async collect() {
      this.reset();
      try {
        const counts = await Promise.all(queues.map((q) => q.getJobCounts(...REPORTED_JOB_STATES)));
        queues.forEach((q, i) => {
          for (const state of REPORTED_JOB_STATES) this.set({ queue: q.name, state }, counts[i]![state] ?? 0);
        });
        readOk = true;
      } catch {
        readOk = false;
      }
    },
  });
  new Gauge({
    name: 'upshift_queue_depth_up', help: '1 when the queue depths could be read from Redis at this scrape', registers: [registry],
    collect() { this.set(readOk ? 1 : 0); },
  });
  return registry;
}
