import { JobAudit } from '../../db/entities/index.js';
import type { QueueName } from '../../queues/queue-names.js';
import type { AppContext } from '../app-context.js';
import { NotFoundError } from '../errors.js';
import type { JobQueues } from './job-queues.js';
import { summarizeJob, type JobSummary } from './job-summary.js';

/** One ops action on a job, as `upshift jobs show` and `upgrades show` print it. */
export interface AuditRow {
  at: string;
  who: string;
  action: string;
  queue: string;
  jobId: string;
  detail: string | null;
}

/** `upshift jobs show`: a job with its options, error, stack, return value, log lines and ops history. */
export interface JobDetail extends JobSummary {
  opts: Record<string, unknown>;
  returnValue: unknown;
  stacktrace: string[];
  logs: string[];
  /** Retries, replays and cleans of this job and its replays. */
  audit: AuditRow[];
}

export function toAuditRow(a: JobAudit): AuditRow {
  return { at: a.at.toISOString(), who: a.who, action: a.action, queue: a.queue, jobId: a.jobId, detail: a.detail };
}

/** The audit rows of jobs (and their `-replay-<n>` jobs) in one queue, oldest first. */
export async function auditRowsFor(ctx: AppContext, queue: string, jobIds: readonly string[]): Promise<AuditRow[]> {
  if (jobIds.length === 0) return [];
  const qb = ctx.ds.getRepository(JobAudit).createQueryBuilder('a').where('a.queue = :queue', { queue });
  const ors = jobIds.map((id, i) => `a.jobId = :id${i} OR a.jobId LIKE :like${i}`).join(' OR ');
  const params = Object.fromEntries(
    jobIds.flatMap((id, i) => [
      [`id${i}`, id],
      [`like${i}`, `${id.replace(/[\\%_]/g, (c) => `\\${c}`)}-replay-%`],
    ]),
  );
  const rows = await qb.andWhere(`(${ors})`, params).orderBy('a.id', 'ASC').getMany();
  return rows.map(toAuditRow);
}

export async function showJob(ctx: AppContext, queues: JobQueues, queue: QueueName, jobId: string): Promise<JobDetail> {
  const job = await queues.queue(queue).getJob(jobId);
  if (!job) throw new NotFoundError(`${queue} job`, jobId);
  const [state, logs] = await Promise.all([job.getState(), queues.queue(queue).getJobLogs(jobId)]);
  return {
    ...summarizeJob(queue, job, state, ctx.clock.now().getTime()),
    opts: job.opts as Record<string, unknown>,
    returnValue: job.returnvalue ?? null,
    stacktrace: job.stacktrace ?? [],
    logs: logs.logs,
    audit: await auditRowsFor(ctx, queue, [jobId]),
  };
}
