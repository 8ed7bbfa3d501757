import type { AppContext } from '../app-context.js';

/** Options of {@link purgeIdempotencyKeys}. */
export interface PurgeIdempotencyKeysOptions {
  /**
   * Rows one DELETE removes. Small, so each statement holds its row locks for milliseconds and never stalls the API's
   * inserts of new keys. @defaultValue 1000
   */
  batchSize?: number;
  /**
   * Most statements one sweep runs; a larger backlog (the first run after an upgrade) is taken over the next sweeps,
   * so one run never occupies the scheduler worker for long. @defaultValue 50
   */
  maxBatches?: number;
}

/**
 * The `purge-idempotency-keys` sweep: deletes `Idempotency-Key` rows older than `IDEMPOTENCY_RETENTION_HOURS`
 * (config `idempotencyRetentionHours`), oldest first, `batchSize` rows per statement. A request that reuses a purged
 * key is a new request (docs/API.md). Age is measured in database time, as the key store's stale-claim takeover is,
 * so API and worker processes with skewed clocks agree. Safe to run in any number of processes at once: each
 * DELETE takes only the rows it removes.
 *
 * @returns how many rows were deleted.
 */
export async function purgeIdempotencyKeys(ctx: AppContext, opts: PurgeIdempotencyKeysOptions = {}): Promise<number> {
  const batchSize = opts.batchSize ?? 1000;
  const maxBatches = opts.maxBatches ?? 50;
  const hours = ctx.config.idempotencyRetentionHours;
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    // Ordered by the createdAt index: the statement reads (and locks) only the rows it deletes.
    const result = await ctx.ds.query<{ affectedRows?: number }>(
      'DELETE FROM idempotency_keys WHERE createdAt < CURRENT_TIMESTAMP(3) - INTERVAL ? HOUR ORDER BY createdAt LIMIT ?',
      [hours, batchSize],
    );
    const n = result.affectedRows ?? 0;
    deleted += n;
    if (n < batchSize) break;
  }
  if (deleted > 0) ctx.log.info({ deleted, retentionHours: hours }, 'idempotency keys purged');
  return deleted;
}
