import type { Queue } from 'bullmq';
import { Gauge, Registry } from 'prom-client';

/** The job states whose counts are reported. */
export const REPORTED_JOB_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const;

type Counts = Array<Record<string, number>>;

/**
 * A registry read from Redis at scrape time (BullMQ `getJobCounts`), so the figures are the cluster's whichever
 * process is scraped: `upshift_queue_jobs{queue,state}`, and `upshift_queue_depth_up` (0 when Redis did not
 * answer; the counts are then left out rather than reported as zero).
 */
export function createQueueDepthRegistry(queues: readonly Queue[]): Registry {
  const registry = new Registry();
  // prom-client collects a registry's metrics concurrently: the first gauge starts the read, the second awaits it.
  let read: Promise<Counts | null> = Promise.resolve(null);
  new Gauge({
    name: 'upshift_queue_jobs',
    help: 'Jobs in each queue by state, read from Redis at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      read = Promise.all(queues.map((q) => q.getJobCounts(...REPORTED_JOB_STATES))).catch(() => null);
      const counts = await read;
      queues.forEach((q, i) => {
        for (const state of REPORTED_JOB_STATES) if (counts) this.set({ queue: q.name, state }, counts[i][state] ?? 0);
      });
    },
  });
  new Gauge({
    name: 'upshift_queue_depth_up',
    help: '1 when the queue depths could be read from Redis at this scrape',
    registers: [registry],
    async collect() {
      this.set((await read) ? 1 : 0);
    },
  });
  return registry;
}
