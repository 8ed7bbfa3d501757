import type { Job } from 'bullmq';
import type { QueueName } from '../../queues/queue-names.js';

/** The job states ops filter by (BullMQ's, less the ones Upshift never uses). */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type OpsJobState = (typeof JOB_STATES)[number];

/** One job as `upshift jobs list|show` reports it. */
export interface JobSummary {
  queue: QueueName;
  id: string;
  state: string;
  /** The payload: ids only (src/queues/job-payloads.ts). */
  data: unknown;
  attemptsMade: number;
  maxAttempts: number;
  createdAt: string;
  processedAt: string | null;
  finishedAt: string | null;
  /** Time since it finished (completed, failed) or was created (other states). */
  ageMs: number;
  failedReason: string | null;
}

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : null);

/** The moment a job's age counts from: when it finished, else when it was created. */
export function jobAgeMs(job: Pick<Job, 'finishedOn' | 'timestamp'>, nowMs: number): number {
  return nowMs - (job.finishedOn ?? job.timestamp);
}

export function summarizeJob(queue: QueueName, job: Job, state: string, nowMs: number): JobSummary {
  return {
    queue,
    id: String(job.id),
    state,
    data: job.data,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    createdAt: iso(job.timestamp)!,
    processedAt: iso(job.processedOn),
    finishedAt: iso(job.finishedOn),
    ageMs: jobAgeMs(job, nowMs),
    failedReason: job.failedReason || null,
  };
}
