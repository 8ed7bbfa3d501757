import type { Job } from 'bullmq';
import type { AppContext } from '../src/app/app-context.js';
import { parseJobPayload, type JobPayload } from '../src/queues/job-payloads.js';
import type { QueueName } from '../src/queues/queue-names.js';
import { RETRY_POLICIES, type RetryPolicy } from '../src/queues/retry-policies.js';
import { processMetrics } from '../src/observability/process-metrics.js';
import { jobOutcome } from '../src/observability/job-outcome.js';
import { failAttempt } from './bullmq-retry.js';

/** A BullMQ processor function (job, lock token, abort signal). */
export type Processor = (job: Job, token?: string, signal?: AbortSignal) => Promise<unknown>;

/** Options of {@link processorFor}. */
export interface ProcessorOptions<Q extends QueueName> {
  /**
   * Called once when an attempt fails and no further attempt will run (a permanent error, or the last of the
   * failure's attempts), before the job is failed — where a step records the failure for ops. @defaultValue none
   */
  onFinalFailure?: (payload: JobPayload<Q>, err: Error, attempt: number) => Promise<void>;
  /** The retry policy to map failures with. @defaultValue RETRY_POLICIES[queue] */
  policy?: RetryPolicy;
}

/**
 * The thin adapter every queue uses: validate the payload against the queue's schema → call one use case → map its
 * error to retry, wait or fail (workers/bullmq-retry.ts). Logs one line per outcome with the job and upgrade ids, and
 * times the attempt (`upshift_job_duration_seconds` by queue and outcome).
 */
export function processorFor<Q extends QueueName>(
  ctx: AppContext,
  queue: Q,
  run: (payload: JobPayload<Q>, job: Job, token?: string, signal?: AbortSignal) => Promise<unknown>,
  opts: ProcessorOptions<Q> = {},
): Processor {
  const policy = opts.policy ?? RETRY_POLICIES[queue];
  return async (job, token, signal) => {
    const started = Date.now();
    let payload: JobPayload<Q> | undefined;
    try {
      payload = parseJobPayload(queue, job.data);
      const result = await run(payload, job, token, signal);
      ctx.log.info(
        { queue, jobId: job.id, ...(payload as object), ms: Date.now() - started } as Record<string, unknown>,
        'job done',
      );
      processMetrics().observeJob(queue, 'completed', (Date.now() - started) / 1000);
      return result ?? null;
    } catch (err) {
      const failed = await failAttempt(err, job, token, policy);
      processMetrics().observeJob(queue, jobOutcome(failed.error, job), (Date.now() - started) / 1000);
      if (failed.error.name !== 'DelayedError') {
        ctx.log.warn(
          {
            queue,
            jobId: job.id,
            data: job.data,
            attempt: job.attemptsMade + 1,
            final: failed.final,
            err: failed.error.message,
          },
          'job failed',
        );
      }
      if (failed.final && payload !== undefined && opts.onFinalFailure) {
        await opts.onFinalFailure(payload, err instanceof Error ? err : failed.error, job.attemptsMade + 1);
      }
      throw failed.error;
    }
  };
}
