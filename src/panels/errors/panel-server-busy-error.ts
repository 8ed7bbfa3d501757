import { PanelError, type PanelErrorKind } from './panel-error.js';

/**
 * Every slot of the server's `maxConcurrency` is taken by other calls (in any worker process). Not a failure of
 * the job: a BullMQ worker moves the job to `delayed` for `retryAfterMs` (see `runPanelJob`) without using an
 * attempt, so the worker's own slot is free for jobs of other servers.
 */
export class PanelServerBusyError extends PanelError {
  readonly kind: PanelErrorKind = 'server_busy';
  readonly retryable = true;

  constructor(
    serverId: number,
    /** How long to wait before trying again, in milliseconds. */
    readonly retryAfterMs: number,
  ) {
    super(`panel server ${serverId} is at its concurrency limit; try again in ${retryAfterMs} ms`, { serverId });
  }
}
