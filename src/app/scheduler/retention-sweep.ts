import { TERMINAL_STATUSES } from '../../domain/upgrade-status.js';
import { Upgrade } from '../../db/entities/index.js';
import { readRow } from '../../db/row-reader.js';
import type { AppContext } from '../app-context.js';

/** Options of {@link sweepRetention}. */
export interface RetentionSweepOptions {
  /** Rows read, and at most deleted, per statement. @defaultValue 1000 */
  batch?: number;
  /** Rows deleted per table in one run at most; the next run goes on. @defaultValue 50000 */
  maxRowsPerTable?: number;
}

/** One table's rule: which rows are old, and which of those nothing open needs any more. */
interface TableRule {
  table: 'panel_calls' | 'email_log' | 'webhook_deliveries' | 'job_audit';
  days: (ctx: AppContext) => number;
  /** The row's age column. */
  at: string;
  /** Whether the row has an `upgradeId` that must be terminal (and its invoice settled) for the row to go. */
  upgradeLinked: boolean;
  /** Extra condition on the row itself. */
  extra?: string;
}

const RULES: readonly TableRule[] = [
  { table: 'panel_calls', days: (ctx) => ctx.config.retention.panelCallsDays, at: 'createdAt', upgradeLinked: true },
  { table: 'email_log', days: (ctx) => ctx.config.retention.emailLogDays, at: 'updatedAt', upgradeLinked: true },
  // A delivery still pending is work to do (its job, or the stuck sweep, delivers it).
  {
    table: 'webhook_deliveries',
    days: (ctx) => ctx.config.retention.webhookDeliveriesDays,
    at: 'updatedAt',
    upgradeLinked: true,
    extra: `t.status <> 'pending'`,
  },
  { table: 'job_audit', days: (ctx) => ctx.config.retention.jobAuditDays, at: 'at', upgradeLinked: false },
];

const TERMINAL = TERMINAL_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * The scheduler's `retention` sweep: deletes old rows of the log and audit tables in small batches (one short
 * autocommit statement each, so it never holds locks for long and stays within Galera's write-set limits). A row goes
 * only when it is older than its table's retention (RetentionConfig; 0 keeps for ever) **and**, for rows of an
 * upgrade, that upgrade has been terminal (completed, cancelled, rejected) for longer than the retention too and its
 * invoice, if any, is not unpaid. So nothing an open upgrade or an unsettled invoice needs is ever deleted: the panel
 * call log of a `provisioning_failed` upgrade stays for ops, the send-once keys of an upgrade still moving stay, a
 * pending webhook delivery stays.
 *
 * The email log's keys are what keeps an email single; the sweep deletes them only for upgrades terminal for longer
 * than `emailLogDays` (at least 31 days, beyond BullMQ's 30-day failed-job window), and the email worker sends nothing
 * for such an upgrade (`isPastEmailLogRetention`), so an ops replay of a long-finished upgrade cannot mail twice.
 *
 * Rows are walked in id order (ids grow with time) from the oldest; the walk stops at the first row young enough to
 * keep, so a run reads little more than what it deletes. Business records — upgrades, transitions, invoices,
 * payments, the credit ledger, service terms, heals — are never touched; `idempotency_keys` has its own purge.
 * @returns rows deleted per table in this run
 */
export async function sweepRetention(
  ctx: AppContext,
  opts: RetentionSweepOptions = {},
): Promise<Record<string, number>> {
  const batch = Math.max(1, Math.floor(opts.batch ?? 1000));
  const maxRows = Math.max(batch, Math.floor(opts.maxRowsPerTable ?? 50_000));
  const deleted: Record<string, number> = {};
  for (const rule of RULES) {
    const days = rule.days(ctx);
    deleted[rule.table] = 0;
    if (days <= 0) continue;
    const cutoff = new Date(ctx.clock.now().getTime() - days * 86_400_000);
    const deletable = [
      `t.${rule.at} < ?`,
      ...(rule.extra ? [rule.extra] : []),
      ...(rule.upgradeLinked
        ? [
            `(t.upgradeId IS NULL OR u.id IS NULL OR (u.status IN (${TERMINAL}) AND u.statusChangedAt < ? AND (i.id IS NULL OR i.status <> 'unpaid')))`,
          ]
        : []),
    ].join(' AND ');
    const joins = rule.upgradeLinked
      ? 'LEFT JOIN upgrades u ON u.id = t.upgradeId LEFT JOIN invoices i ON i.id = u.invoiceId'
      : '';
    const params = rule.upgradeLinked ? [cutoff, cutoff] : [cutoff];
    for (let last = 0; deleted[rule.table] < maxRows;) {
      const rows = await ctx.ds.query<Array<{ id: number; del: number | string; old: number | string }>>(
        `SELECT t.id, (${deletable}) AS del, t.${rule.at} < ? AS old FROM ${rule.table} t ${joins} WHERE t.id > ? ORDER BY t.id LIMIT ${batch}`,
        [...params, cutoff, last],
      );
      const ids = rows.filter((r) => Number(r.del) === 1).map((r) => r.id);
      if (ids.length > 0) {
        const result = await ctx.ds.query<{ affectedRows?: number }>(`DELETE FROM ${rule.table} WHERE id IN (?)`, [
          ids,
        ]);
        deleted[rule.table] += result.affectedRows ?? ids.length;
      }
      // Stop at the end of the table or at the first row young enough to keep: the rows after it are younger still.
      if (rows.length < batch || rows.some((r) => Number(r.old) !== 1)) break;
      last = rows[rows.length - 1].id;
    }
  }
  return deleted;
}

/**
 * True when the upgrade has been terminal for longer than the email log keeps its keys: its send-once keys may be
 * gone, and every email it needed was sent long ago (or no longer matters), so the email worker sends nothing.
 */
export async function isPastEmailLogRetention(ctx: AppContext, upgradeId: number): Promise<boolean> {
  const upgrade = await readRow(ctx.ds.manager, Upgrade, { id: upgradeId });
  return upgrade !== null && pastEmailLogRetention(ctx, upgrade);
}

/** {@link isPastEmailLogRetention} for an upgrade row the caller has read. */
export function pastEmailLogRetention(
  ctx: Pick<AppContext, 'config' | 'clock'>,
  upgrade: Pick<Upgrade, 'status' | 'statusChangedAt'>,
): boolean {
  const days = ctx.config.retention?.emailLogDays ?? 0;
  if (days <= 0) return false;
  const cutoff = ctx.clock.now().getTime() - days * 86_400_000;
  return TERMINAL_STATUSES.includes(upgrade.status) && upgrade.statusChangedAt.getTime() < cutoff;
}
