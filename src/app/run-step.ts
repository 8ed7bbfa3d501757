import type { EntityManager } from 'typeorm';
import { isRetryableDbError } from '../db/retryable-db-error.js';
import type { JobPayload } from '../queues/job-payloads.js';
import type { QueueName } from '../queues/queue-names.js';
import type { AppContext, EnqueueOptions } from './app-context.js';

/** A job a step needs next; enqueued only after the step's transaction has committed. */
export type FollowUp = { [Q in QueueName]: { queue: Q; payload: JobPayload<Q> } }[QueueName];

/** What a transactional step returns: its result and the jobs to enqueue after commit. */
export interface StepOutcome<T> {
  result: T;
  followUps: FollowUp[];
}

/** Options of {@link runStep}. */
export interface RunStepOptions {
  /**
   * The change is committed and must be reported as accepted even if Redis refuses the follow-up (HTTP
   * requests: the order or payment exists, the stuck sweep enqueues its job). Workers leave it off, so their
   * job fails and is retried until the follow-up is enqueued. @defaultValue false
   */
  bestEffortEnqueue?: boolean;
}

const MAX_TX_TRIES = 4;

/**
 * Runs `work` in one transaction, retrying it on deadlock or lock-wait timeout, then enqueues its follow-ups.
 * It resolves only after every follow-up is enqueued, so a job that calls it completes only then (DESIGN §2);
 * a crash between commit and enqueue is healed by the scheduler's stuck sweep.
 */
export async function runStep<T>(
  ctx: AppContext,
  work: (em: EntityManager) => Promise<StepOutcome<T>>,
  opts: RunStepOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let outcome: StepOutcome<T>;
    try {
      outcome = await ctx.ds.transaction(work);
    } catch (err) {
      if (isRetryableDbError(err) && attempt < MAX_TX_TRIES) {
        // deadlock, lock wait timeout, Galera certification/not ready
        await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 80 * attempt)));
        continue;
      }
      throw err;
    }
    try {
      await enqueueFollowUps(ctx, outcome.followUps);
    } catch (err) {
      if (!opts.bestEffortEnqueue) throw err;
      ctx.log.warn(
        { err: (err as Error).message, jobs: outcome.followUps.map((f) => f.queue) },
        'committed, but enqueue failed: the stuck sweep will enqueue it',
      );
    }
    return outcome.result;
  }
}

export async function enqueueFollowUps(
  ctx: AppContext,
  followUps: FollowUp[],
  opts: EnqueueOptions = {},
): Promise<void> {
  for (const f of followUps) await ctx.jobs.enqueue(f.queue, f.payload, opts);
}
