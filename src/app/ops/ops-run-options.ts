import type { OpsProgress } from './ops-progress.js';

/** What every state-changing ops use case takes. */
export interface OpsRunOptions {
  /** The operator, for the audit rows. */
  who: string;
  /** Report what would happen; change and audit nothing. @defaultValue false */
  dryRun?: boolean;
  /**
   * Jobs added per batch: after each batch the next waits until the queue has fewer than this many unfinished
   * jobs, so bulk work never floods a queue (provisioning jobs are further paced by the per-server panel limit).
   * @defaultValue 50
   */
  batchSize?: number;
  /** @defaultValue silentProgress */
  progress?: OpsProgress;
  /** Abort (Ctrl-C): the item in hand finishes, the rest is left for a re-run. */
  signal?: AbortSignal;
}

/** A job an ops action is about. */
export interface JobRef {
  queue: string;
  jobId: string;
}

/** What a retry, replay or clean did, item by item. */
export interface OpsOutcome<T extends JobRef = JobRef> {
  dryRun: boolean;
  /** Done (or, on a dry run, that would be done). */
  done: T[];
  skipped: Array<JobRef & { reason: string }>;
  /** Stopped by the signal before the end. */
  interrupted: boolean;
}
