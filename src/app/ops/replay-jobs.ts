import type { DataSource } from 'typeorm';
import { JobAudit } from '../../db/entities/index.js';
import { parseJobPayload } from '../../queues/job-payloads.js';
import type { QueueName } from '../../queues/queue-names.js';
import type { AppContext } from '../app-context.js';
import { forEachPaced } from './for-each-paced.js';
import type { JobQueues } from './job-queues.js';
import type { JobRef, OpsOutcome, OpsRunOptions } from './ops-run-options.js';
import { recordJobAudit } from './record-job-audit.js';

/** A job to replay; `payload` when it is known without Redis (rebuilt from the database, see upgradeJobs). */
export interface ReplayTarget {
  queue: QueueName;
  jobId: string;
  payload?: unknown;
}

/** A replay made: the new job's id beside the original's. */
export interface Replayed extends JobRef {
  replayJobId: string;
}

const REPLAY_SUFFIX = /-replay-(\d+)$/;

/** The id a replay of `jobId` gets: `<originalId>-replay-<n>`, n the next number not used in Redis or the audit log. */
export async function nextReplayId(
  ds: DataSource,
  queues: JobQueues,
  queue: QueueName,
  jobId: string,
): Promise<string> {
  const base = jobId.replace(REPLAY_SUFFIX, '');
  const audited = await ds
    .getRepository(JobAudit)
    .createQueryBuilder('a')
    .select('a.jobId', 'jobId')
    .where('a.queue = :queue AND a.jobId LIKE :pattern', {
      queue,
      pattern: `${base.replace(/[\\%_]/g, (c) => `\\${c}`)}-replay-%`,
    })
    .getRawMany<{ jobId: string }>();
  let n = 1;
  for (const { jobId: used } of audited) {
    const m = REPLAY_SUFFIX.exec(used);
    if (m && used.slice(0, m.index) === base) n = Math.max(n, Number(m[1]) + 1);
  }
  while (await queues.queue(queue).getJob(`${base}-replay-${n}`)) n++;
  return `${base}-replay-${n}`;
}

/**
 * `upshift jobs replay`: adds a NEW job `<originalId>-replay-<n>` with the original's payload (the old job is
 * left as it was) and writes a `job_audit` row. Only finished jobs are replayed (a waiting or running one will
 * run anyway). Safe for every queue, money ones included, because each step re-checks the database first and
 * does nothing when its work is done (DESIGN §2): a replay of a completed upgrade's jobs writes no second
 * invoice, ledger row, panel change or email.
 */
export async function replayJobs(
  ctx: AppContext,
  queues: JobQueues,
  targets: readonly ReplayTarget[],
  opts: OpsRunOptions,
): Promise<OpsOutcome<Replayed>> {
  const done: Replayed[] = [];
  const skipped: OpsOutcome['skipped'] = [];
  const interrupted = await forEachPaced(
    targets,
    queues,
    (t) => t.queue,
    opts,
    'replay',
    async ({ queue, jobId, payload }) => {
      const original = await queues.queue(queue).getJob(jobId);
      const state = original ? await original.getState() : null;
      if (state !== null && state !== 'completed' && state !== 'failed') {
        skipped.push({ queue, jobId, reason: `is ${state}: it has not finished, so it will run anyway` });
        return;
      }
      const data: unknown = original?.data ?? payload;
      if (data === undefined) {
        skipped.push({
          queue,
          jobId,
          reason: "not found in Redis (replay an upgrade's jobs with --upgrade to rebuild them from the database)",
        });
        return;
      }
      let valid;
      try {
        valid = parseJobPayload(queue, data);
      } catch (err) {
        skipped.push({ queue, jobId, reason: `payload does not fit the ${queue} schema: ${(err as Error).message}` });
        return;
      }
      const replayJobId = await nextReplayId(ctx.ds, queues, queue, jobId);
      if (!opts.dryRun) {
        await ctx.jobs.enqueue(queue, valid, { jobId: replayJobId });
        await recordJobAudit(ctx.ds.manager, {
          who: opts.who,
          action: 'replay',
          queue,
          jobId: replayJobId,
          detail: { replayOf: jobId, originalState: state ?? 'not in Redis', data: valid },
        });
      }
      done.push({ queue, jobId, replayJobId });
    },
  );
  return { dryRun: opts.dryRun ?? false, done, skipped, interrupted };
}
