import type { Job } from 'bullmq';
import type { AppContext } from '../app-context.js';
import type { QueueName } from '../../queues/queue-names.js';
import { forEachPaced } from './for-each-paced.js';
import { queueOfJob, type JobQueues } from './job-queues.js';
import { findJobs } from './list-jobs.js';
import type { JobRef, OpsOutcome, OpsRunOptions } from './ops-run-options.js';
import { recordJobAudit } from './record-job-audit.js';

/** Which failed jobs to retry: these ids, or every failed job of the queue(s) at least `olderThanMs` old. */
export type RetrySelection = { ids: string[]; queue?: QueueName } | { queues?: QueueName[]; olderThanMs?: number };

/**
 * `upshift jobs retry`: moves failed jobs back to waiting with their attempt count reset
 * (`job.retry('failed', { resetAttemptsMade: true })`), each with a `job_audit` row. Safe because every step
 * re-checks the database (DESIGN §2); only failed jobs are retried — a completed job is re-run with replay.
 */
export async function retryJobs(
  ctx: AppContext,
  queues: JobQueues,
  selection: RetrySelection,
  opts: OpsRunOptions,
): Promise<OpsOutcome> {
  const skipped: OpsOutcome['skipped'] = [];
  const targets: Array<JobRef & { queue: QueueName; job: Job }> = [];
  if ('ids' in selection) {
    for (const jobId of selection.ids) {
      const queue = queueOfJob(jobId, selection.queue);
      const job = await queues.queue(queue).getJob(jobId);
      const state = job ? await job.getState() : 'missing';
      if (!job) skipped.push({ queue, jobId, reason: 'not found' });
      else if (state !== 'failed')
        skipped.push({
          queue,
          jobId,
          reason: `is ${state}: only failed jobs are retried${state === 'completed' ? ' (use replay for a completed job)' : ''}`,
        });
      else targets.push({ queue, jobId, job });
    }
  } else {
    for await (const { queue, job } of findJobs(
      queues,
      { queues: selection.queues, states: ['failed'], olderThanMs: selection.olderThanMs },
      ctx.clock.now().getTime(),
    )) {
      targets.push({ queue, jobId: String(job.id), job });
    }
  }
  const done: JobRef[] = [];
  const interrupted = await forEachPaced(
    targets,
    queues,
    (t) => t.queue,
    opts,
    'retry',
    async ({ queue, jobId, job }) => {
      if (opts.dryRun) {
        done.push({ queue, jobId });
        return;
      }
      const detail = { attemptsMade: job.attemptsMade, failedReason: job.failedReason?.slice(0, 500) ?? null };
      try {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      } catch (err) {
        skipped.push({ queue, jobId, reason: `not retried: ${(err as Error).message}` }); // e.g. retried by someone else meanwhile
        return;
      }
      await recordJobAudit(ctx.ds.manager, { who: opts.who, action: 'retry', queue, jobId, detail });
      done.push({ queue, jobId });
    },
  );
  return { dryRun: opts.dryRun ?? false, done, skipped, interrupted };
}
