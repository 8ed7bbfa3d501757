import { DelayedError, type Job } from 'bullmq';
import { PanelServerBusyError } from './errors/panel-server-busy-error.js';
import { toBullmqError } from './panel-retry-policy.js';

/**
 * The BullMQ side of a panel job attempt. Runs `work` and maps its failure:
 * - `PanelServerBusyError`: the job moves to `delayed` for `retryAfterMs` and `DelayedError` is thrown, so no
 *   attempt is used and the worker's slot goes straight to the next job (of any server);
 * - a permanent `PanelError`: `UnrecoverableError`, the job fails now;
 * - anything else: rethrown for the backoff strategy (`panelBackoffStrategy`).
 * `token` is the processor's second argument.
 */
export async function runPanelJob<T>(job: Job, token: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof PanelServerBusyError) {
      await job.moveToDelayed(Date.now() + err.retryAfterMs, token);
      throw new DelayedError();
    }
    throw toBullmqError(err);
  }
}
