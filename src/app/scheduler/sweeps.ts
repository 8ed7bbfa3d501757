import { In, LessThan, LessThanOrEqual } from 'typeorm';
import { Upgrade, WebhookDelivery } from '../../db/entities/index.js';
import { currencyDecimals } from '../../domain/currencies.js';
import type { AppContext } from '../app-context.js';
import { AppError } from '../errors/index.js';
import { enqueueFollowUps, runStep } from '../follow-ups.js';
import { applyUpgradeChange } from '../upgrades/apply-upgrade-change.js';
import { cancelInTransaction } from '../upgrades/cancel-upgrade.js';
import { resumeFollowUps } from '../upgrades/resume-follow-ups.js';
import { lockUpgrade, transitionUpgrade } from '../upgrades/transition-upgrade.js';
import { webhookJobs } from '../upgrades/upgrade-follow-ups.js';
import { recordUpgradeEvent } from '../upgrades/webhook-events.js';

/** Options of the sweeps. */
export interface SweepOptions {
  /** Rows older than this in an intermediate state are re-enqueued by the stuck sweep. @defaultValue 180000 (3 min) */
  stuckAfterMs?: number;
  /** Most rows one sweep handles; the next run takes the rest. @defaultValue 500 */
  batch?: number;
}

const ACTOR = 'scheduler';

/** End-of-term downgrades whose date has come: apply them (service, recurring amount, cycle) and move on. */
export async function applyDueDowngrades(ctx: AppContext, opts: SweepOptions = {}): Promise<number[]> {
  const today = ctx.clock.today();
  const due = await ctx.ds.getRepository(Upgrade).find({
    where: { status: 'scheduled', effectiveDate: LessThanOrEqual(today) }, select: { id: true }, take: opts.batch ?? 500, order: { id: 'ASC' },
  });
  const applied: number[] = [];
  for (const { id } of due) {
    await runStep(ctx, async (em) => {
      const upgrade = await lockUpgrade(em, id);
      if (!upgrade || upgrade.status !== 'scheduled') return { result: undefined, followUps: [] };
      const outcome = await applyUpgradeChange(em, upgrade, ACTOR, currencyDecimals(upgrade.currency)!, ctx.config.webhookUrls);
      if (!outcome.applied) {
        const reason = `service_not_active: service ${upgrade.serviceId} is ${outcome.serviceStatus} on the downgrade's date`;
        await transitionUpgrade(em, upgrade, 'rejected', ACTOR, { reason }, reason);
        return { result: undefined, followUps: webhookJobs(await recordUpgradeEvent(em, ctx.config.webhookUrls, 'upgrade.rejected', upgrade)) };
      }
      applied.push(id);
      return { result: undefined, followUps: await resumeFollowUps(em, upgrade) };
    });
  }
  return applied;
}

/**
 * Unpaid upgrade orders expire at the service's next due date (their proration no longer makes sense) or
 * after `upgradeOrderTtlDays`; the invoice is cancelled with them.
 */
export async function expireUnpaidOrders(ctx: AppContext, opts: SweepOptions = {}): Promise<number[]> {
  const today = ctx.clock.today();
  const ttl = ctx.config.policy.upgradeOrderTtlDays;
  const params: unknown[] = [today];
  let ttlClause = '';
  if (ttl !== null) {
    // Order age is measured from when it was placed (a clock reading), never from the asOf it was priced at.
    ttlClause = ' OR u.createdAt <= ?';
    params.push(new Date(ctx.clock.now().getTime() - ttl * 86_400_000));
  }
  const rows = await ctx.ds.query(
    `SELECT u.id FROM upgrades u JOIN services s ON s.id = u.serviceId
     WHERE u.status IN ('queued', 'invoiced') AND ((s.nextDueDate IS NOT NULL AND s.nextDueDate <= ?)${ttlClause})
     ORDER BY u.id LIMIT ${Number(opts.batch ?? 500)}`, params) as Array<{ id: number }>;
  const expired: number[] = [];
  for (const { id } of rows) {
    try {
      await runStep(ctx, async (em) => {
        const upgrade = await lockUpgrade(em, id);
        if (!upgrade || !['queued', 'invoiced'].includes(upgrade.status)) return { result: undefined, followUps: [] };
        const followUps = await cancelInTransaction(em, ctx, upgrade, ACTOR, 'expired: the order was not paid before the service\'s next due date or the order time limit');
        expired.push(id);
        return { result: undefined, followUps };
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err; // e.g. paid meanwhile: not expired, nothing to do
    }
  }
  return expired;
}

/**
 * The safety net: upgrades sitting in a state that a job should move on (queued, paid, applied, provisioned,
 * or with pending notices) for longer than `stuckAfterMs` get their follow-ups enqueued again, and so do
 * webhook deliveries left pending. Deterministic job ids make this harmless when the job is still there.
 */
export async function requeueStuck(ctx: AppContext, opts: SweepOptions = {}): Promise<number[]> {
  const before = new Date(ctx.clock.now().getTime() - (opts.stuckAfterMs ?? 180_000));
  const stuck = await ctx.ds.getRepository(Upgrade).find({
    where: { status: In(['queued', 'paid', 'applied', 'provisioned']), statusChangedAt: LessThan(before) }, take: opts.batch ?? 500, order: { id: 'ASC' },
  });
  for (const upgrade of stuck) {
    await enqueueFollowUps(ctx, await resumeFollowUps(ctx.ds.manager, upgrade), { replaceCompleted: true });
  }
  // Paid invoices whose upgrade still waits in `invoiced`: the payment committed but its job was lost.
  const paid = await ctx.ds.query(
    `SELECT i.id FROM invoices i JOIN upgrades u ON u.id = i.upgradeId
     WHERE i.status = 'paid' AND u.status = 'invoiced' AND i.paidAt < ? ORDER BY i.id LIMIT ${Number(opts.batch ?? 500)}`, [before]) as Array<{ id: number }>;
  await enqueueFollowUps(ctx, paid.map((i) => ({ queue: 'invoice-paid' as const, payload: { invoiceId: i.id } })), { replaceCompleted: true });
  const pending = await ctx.ds.getRepository(WebhookDelivery).find({ where: { status: 'pending', updatedAt: LessThan(before) }, select: { id: true }, take: opts.batch ?? 500 });
  await enqueueFollowUps(ctx, pending.map((d) => ({ queue: 'webhooks' as const, payload: { deliveryId: d.id } })), { replaceCompleted: true });
  return stuck.map((u) => u.id);
}
