import type { Job } from 'bullmq';
import { QUEUE_NAMES, type QueueName } from '../../queues/queue-names.js';
import type { JobQueues } from './job-queues.js';
import { JOB_STATES, jobAgeMs, summarizeJob, type JobSummary, type OpsJobState } from './job-summary.js';

/** Which jobs an ops command works on. */
export interface JobFilter {
  /** @defaultValue every queue */
  queues?: readonly QueueName[];
  /** @defaultValue every state in {@link JOB_STATES} */
  states?: readonly OpsJobState[];
  /** Only jobs at least this old (see {@link jobAgeMs}). @defaultValue 0 */
  olderThanMs?: number;
  /** Stop after this many matches. @defaultValue no limit */
  limit?: number;
}

const PAGE = 500;

/** Every job matching `filter`, paged from Redis; finished sets are read oldest first. */
export async function* findJobs(
  queues: JobQueues,
  filter: JobFilter,
  nowMs: number,
): AsyncGenerator<{ queue: QueueName; state: OpsJobState; job: Job }> {
  const olderThan = filter.olderThanMs ?? 0;
  let found = 0;
  for (const name of filter.queues ?? QUEUE_NAMES) {
    const queue = queues.queue(name);
    for (const state of filter.states ?? JOB_STATES) {
      // BullMQ's `waiting` list also has `prioritized` jobs kept apart; ops see them as waiting.
      const types = state === 'waiting' ? (['waiting', 'prioritized'] as const) : ([state] as const);
      for (let start = 0; ; start += PAGE) {
        const page = (await queue.getJobs([...types], start, start + PAGE - 1, true)).filter(Boolean);
        for (const job of page) {
          if (jobAgeMs(job, nowMs) < olderThan) continue;
          yield { queue: name, state, job };
          if (filter.limit !== undefined && ++found >= filter.limit) return;
        }
        if (page.length < PAGE) break;
      }
    }
  }
}

/** `upshift jobs list`: the matching jobs as summaries. */
export async function listJobs(queues: JobQueues, filter: JobFilter, nowMs: number): Promise<JobSummary[]> {
  const out: JobSummary[] = [];
  for await (const { queue, state, job } of findJobs(queues, filter, nowMs))
    out.push(summarizeJob(queue, job, state, nowMs));
  return out;
}
