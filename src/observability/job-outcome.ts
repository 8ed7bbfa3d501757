import type { Job } from 'bullmq';
import type { JobOutcome } from './upshift-metrics.js';

/**
 * How a failed attempt ends for BullMQ, from the error the processor throws: `DelayedError` → delayed (no
 * attempt used), `UnrecoverableError` or the last attempt → failed, otherwise → retried with the backoff.
 */
export function jobOutcome(err: Error, job: Pick<Job, 'attemptsMade' | 'opts'>): JobOutcome {
  if (err.name === 'DelayedError') return 'delayed';
  if (err.name === 'UnrecoverableError') return 'failed';
  return job.attemptsMade + 1 >= (job.opts?.attempts ?? 1) ? 'failed' : 'retried';
}
