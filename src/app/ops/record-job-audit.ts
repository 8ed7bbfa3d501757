import type { EntityManager } from 'typeorm';
import { JobAudit } from '../../db/entities/index.js';

/** One ops action on a job, as `job_audit` keeps it. */
export interface JobAuditEntry {
  /** The operator: `--who`, else $USER, else `cli`; `dashboard:<user>` for the dashboard. */
  who: string;
  /** retry, replay, clean, bulk-change, bulk-summary, … (max 20 characters) */
  action: string;
  queue: string;
  jobId: string;
  /** JSON with the particulars. */
  detail?: object;
}

/** Writes one `job_audit` row (who, what, which job, when). */
export async function recordJobAudit(em: EntityManager, entry: JobAuditEntry): Promise<void> {
  await em.insert(JobAudit, {
    who: entry.who.slice(0, 100),
    action: entry.action.slice(0, 20),
    queue: entry.queue.slice(0, 50),
    jobId: entry.jobId.slice(0, 191),
    detail: entry.detail ? JSON.stringify(entry.detail).slice(0, 60_000) : null,
  });
}
