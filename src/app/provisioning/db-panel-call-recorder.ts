import type { DataSource } from 'typeorm';
import { PanelCall } from '../../db/entities/index.js';
import { insertRows } from '../../db/row-writer.js';
import type { Logger } from '../../observability/logger.js';
import { processMetrics } from '../../observability/process-metrics.js';
import type { PanelCallEntry, PanelCallRecorder } from '../../panels/index.js';

/**
 * Collects each (already redacted) panel call, tagged with the upgrade or service it served, and times it in the
 * process metrics (latency and errors by server); {@link flush} writes them to `panel_calls` in one statement when the
 * attempt ends, each with the time of its call. One INSERT per ChangePackage instead of one per HTTP call (four); a
 * process killed in the middle of a change loses that attempt's log lines, not its outcome (the next attempt reads
 * the account back first).
 */
export class DbPanelCallRecorder implements PanelCallRecorder {
  private readonly pending: Array<Partial<PanelCall>> = [];

  constructor(
    private readonly ds: DataSource,
    private readonly tags: { upgradeId: number | null; serviceId: number | null },
    private readonly log?: Logger,
  ) {}

  record(e: PanelCallEntry): void {
    processMetrics().observePanelCall(e);
    this.pending.push({
      serverId: e.serverId,
      upgradeId: this.tags.upgradeId,
      serviceId: this.tags.serviceId,
      action: e.action.slice(0, 50),
      request: e.request,
      response: e.response,
      httpStatus: e.httpStatus,
      durationMs: Math.round(e.durationMs),
      outcome: e.outcome,
      error: e.error ?? null,
      createdAt: new Date(),
    });
  }

  /**
   * Writes what was recorded since the last flush. The log is for ops, so a failed write is logged and dropped: it
   * must not turn a panel change that happened into a failed job.
   */
  async flush(): Promise<void> {
    const rows = this.pending.splice(0);
    if (rows.length === 0) return;
    try {
      await insertRows(this.ds.manager, PanelCall, rows);
    } catch (err) {
      this.log?.warn({ err: (err as Error).message, calls: rows.length }, 'panel call log not written');
    }
  }
}
