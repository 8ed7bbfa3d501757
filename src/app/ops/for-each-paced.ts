import type { QueueName } from '../../queues/queue-names.js';
import type { JobQueues } from './job-queues.js';
import type { OpsRunOptions } from './ops-run-options.js';
import { silentProgress } from './ops-progress.js';
import { waitForBacklogBelow } from './pace-queue.js';

/**
 * Runs `work` on each item in order with progress, in batches of `opts.batchSize` (before each new batch the
 * item's queue must have fewer unfinished jobs than the batch size), until done or `opts.signal` aborts.
 * A dry run does not pace. @returns whether it was interrupted
 */
export async function forEachPaced<T>(
  items: readonly T[],
  queues: JobQueues,
  queueOf: (item: T) => QueueName,
  opts: OpsRunOptions,
  label: string,
  work: (item: T) => Promise<void>,
): Promise<boolean> {
  const size = Math.max(1, opts.batchSize ?? 50);
  const progress = opts.progress ?? silentProgress;
  progress.start(items.length, label);
  let inBatch = 0;
  try {
    for (const item of items) {
      if (opts.signal?.aborted) return true;
      if (inBatch >= size && !opts.dryRun) {
        if (!(await waitForBacklogBelow(queues.queue(queueOf(item)), size, { signal: opts.signal, progress })))
          return true;
        inBatch = 0;
      }
      await work(item);
      inBatch++;
      progress.advance();
    }
    return false;
  } finally {
    progress.stop();
  }
}
