import type { QueueName } from '../../queues/queue-names.js';
import type { AppContext } from '../app-context.js';
import { type JobQueues } from './job-queues.js';
import { findJobs } from './list-jobs.js';
import { silentProgress } from './ops-progress.js';
import type { OpsOutcome, OpsRunOptions } from './ops-run-options.js';
import { recordJobAudit } from './record-job-audit.js';

/** What `upshift jobs clean` removes: finished jobs of one queue and state, at least `olderThanMs` since they finished. */
export interface CleanSelection {
  queue: QueueName;
  state: 'completed' | 'failed';
  olderThanMs: number;
}

const CHUNK = 1000;

/**
 * `upshift jobs clean`: removes finished jobs older than the given age (BullMQ `queue.clean`, 1000 at a time
 * for the progress bar) and writes one `job_audit` row with the count. Removing a completed job also ends the
 * dedup of its deterministic id — harmless, as every step re-checks the database. A dry run lists the jobs.
 */
export async function cleanJobs(
  ctx: AppContext,
  queues: JobQueues,
  selection: CleanSelection,
  opts: OpsRunOptions,
): Promise<OpsOutcome & { removed: number }> {
  const { queue, state, olderThanMs } = selection;
  const matching: OpsOutcome['done'] = [];
  for await (const { job } of findJobs(
    queues,
    { queues: [queue], states: [state], olderThanMs },
    ctx.clock.now().getTime(),
  ))
    matching.push({ queue, jobId: String(job.id) });
  if (opts.dryRun) return { dryRun: true, done: matching, skipped: [], interrupted: false, removed: 0 };
  const progress = opts.progress ?? silentProgress;
  progress.start(matching.length, `clean ${state}`);
  let removed = 0;
  let interrupted = false;
  try {
    for (;;) {
      if (opts.signal?.aborted) {
        interrupted = true;
        break;
      }
      const ids = await queues.queue(queue).clean(olderThanMs, CHUNK, state);
      removed += ids.length;
      progress.advance(ids.length);
      if (ids.length < CHUNK) break;
    }
  } finally {
    progress.stop();
  }
  await recordJobAudit(ctx.ds.manager, {
    who: opts.who,
    action: 'clean',
    queue,
    jobId: `*:${state}`,
    detail: { olderThanMs, removed },
  });
  return { dryRun: false, done: matching, skipped: [], interrupted, removed };
}
