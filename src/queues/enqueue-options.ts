/** Options of `enqueue` (JobProducer, JobEnqueuer). */
export interface EnqueueOptions {
  /** Run no sooner than this many ms from now. @defaultValue 0 */
  delayMs?: number;
  /** Override the deterministic id (ops replays use `<id>-replay-<n>`). @defaultValue the queue's id rule */
  jobId?: string;
  /**
   * When a job with the same id already completed, remove it and add the job again (the stuck sweep: the
   * state says the step still has to happen). Failed jobs are left for ops. @defaultValue false
   */
  replaceCompleted?: boolean;
}
