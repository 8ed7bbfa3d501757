import type { DataSource } from 'typeorm';
import { PanelCall } from '../../db/entities/index.js';
import { processMetrics } from '../../observability/process-metrics.js';
import type { PanelCallEntry, PanelCallRecorder } from '../../panels/index.js';

/**
 * Writes each (already redacted) panel call to `panel_calls`, tagged with the upgrade or service it served, and
 * times it in the process metrics (latency and errors by server).
 */
export class DbPanelCallRecorder implements PanelCallRecorder {
  constructor(
    private readonly ds: DataSource,
    private readonly tags: { upgradeId: number | null; serviceId: number | null },
  ) {}

  async record(e: PanelCallEntry): Promise<void> {
    processMetrics().observePanelCall(e);
    // updateEntity(false): nothing reads the generated id or createdAt back, so skip TypeORM's SELECT after the INSERT.
    await this.ds
      .createQueryBuilder()
      .insert()
      .into(PanelCall)
      .updateEntity(false)
      .values({
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
      })
      .execute();
  }
}
