import type { Job } from 'bullmq';
import type { AppContext } from '../src/app/app-context.js';
import { parseJobPayload, type JobPayload } from '../src/queues/job-payloads.js';
import type { QueueName } from '../src/queues/queue-names.js';
import { processMetrics } from '../src/observability/process-metrics.js';
import { jobOutcome } from '../src/observability/job-outcome.js';
import { toJobError } from './to-job-error.js';

/** A BullMQ processor function (job, lock token, abort signal). */
export type Processor = (job: Job, token?: string, signal?: AbortSignal) => Promise<unknown>;

/**
 * The thin adapter every queue uses: validate the payload against the queue's schema → call one use case →
 * map its error to retry or fail. Logs one line per outcome with the job and upgrade ids, and times the attempt
 * (`upshift_job_duration_seconds` by queue and outcome).
 */
export function processorFor<Q extends QueueName>(
  ctx: AppContext, queue: Q, run: (payload: JobPayload<Q>, job: Job, token?: string, signal?: AbortSignal) => Promise<unknown>,
): Processor {
  return async (job, token, signal) => {
    const started = Date.now();
    try {
      const payload = parseJobPayload(queue, job.data);
      const result = await run(payload, job, token, signal);
      ctx.log.info({ queue, jobId: job.id, ...(payload as object), ms: Date.now() - started } as Record<string, unknown>, 'job done');
      processMetrics().observeJob(queue, 'completed', (Date.now() - started) / 1000);
      return result ?? null;
    } catch (err) {
      const mapped = toJobError(err);
      processMetrics().observeJob(queue, jobOutcome(mapped, job), (Date.now() - started) / 1000);
      if (mapped.name !== 'DelayedError') {
        ctx.log.warn({ queue, jobId: job.id, data: job.data, attempt: job.attemptsMade + 1, err: mapped.message }, 'job failed');
      }
      throw mapped;
    }
  };
}
