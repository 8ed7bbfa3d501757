import type { Queue } from 'bullmq';
import type { OpsProgress } from './ops-progress.js';

/** Options of {@link waitForBacklogBelow}. */
export interface PaceOptions {
  /** Stop waiting (and return false) when aborted, e.g. on Ctrl-C. */
  signal?: AbortSignal;
  /** @defaultValue 500 */
  pollMs?: number;
  progress?: Pick<OpsProgress, 'note'>;
}

/** Jobs of a queue not yet finished: waiting, prioritized, delayed or running. */
export async function queueBacklog(queue: Queue): Promise<number> {
  const c = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
  return (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0) + (c.active ?? 0);
}

/**
 * Waits until `queue` has fewer than `limit` unfinished jobs: bulk work enqueues one batch, then lets the
 * workers (and the per-server panel limit they wait on) work it off before adding the next, so a replay or a
 * plan change never floods a queue. @returns false when aborted
 */
export async function waitForBacklogBelow(queue: Queue, limit: number, opts: PaceOptions = {}): Promise<boolean> {
  let noted = false;
  for (;;) {
    if (opts.signal?.aborted) return false;
    const backlog = await queueBacklog(queue);
    if (backlog < limit) return true;
    if (!noted)
      opts.progress?.note(`waiting for the ${queue.name} queue to work off ${backlog} jobs before the next batch`);
    noted = true;
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 500));
  }
}
