import { ConflictError } from './conflict-error.js';

/**
 * A conditional update matched no row: another process moved the record first. The caller's transaction is
 * rolled back; a job that hits this is simply re-run and finds the step already done.
 */
export class StaleStateError extends ConflictError {
  constructor(resource: string, id: number, expected: string) {
    super('stale_state', `${resource} ${id} is no longer ${expected}`);
  }
}
