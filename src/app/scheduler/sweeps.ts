import { LessThan, LessThanOrEqual, MoreThan } from 'typeorm';
import { lockForUpdate } from '../../db/lock-for-update.js';
import { Upgrade, WebhookDelivery } from '../../db/entities/index.js';
import { currencyDecimals } from '../../domain/currencies.js';
import type { AppContext } from '../app-context.js';
import { AppError } from '../errors.js';
import { enqueueFollowUps, runStep } from '../run-step.js';
import { applyUpgradeChange } from '../upgrades/apply-upgrade-change.js';
import { cancelInTransaction } from '../upgrades/cancel-upgrade.js';
import type { JobQueues } from '../ops/job-queues.js';
import { resumeFollowUps } from '../upgrades/resume-follow-ups.js';
import { transitionUpgrade } from '../upgrades/transition-upgrade.js';
import { webhookJobs } from '../upgrades/upgrade-follow-ups.js';
import { healStuckUpgrades, type HealOptions, type HealOutcome } from './heal-stuck.js';

/**
 * Options of the sweeps. `stuckAfterMs`: rows older than this in an intermediate state are healed by the stuck sweep
 * (default 3 min). `batch`: rows per query — the stuck sweep pages through all of them, the due-downgrade and expiry
 * sweeps take at most this many per run and leave the rest to the next (default 500).
 */
export type SweepOptions = HealOptions;

const ACTOR = 'scheduler';

/** End-of-term downgrades whose date has come: apply them (service, recurring amount, cycle) and move on. */
export async function applyDueDowngrades(ctx: AppContext, opts: SweepOptions = {}): Promise<number[]> {
  const today = ctx.clock.today();
  const due = await ctx.ds.getRepository(Upgrade).find({
    where: { status: 'scheduled', effectiveDate: LessThanOrEqual(today) },
    select: { id: true },
    take: opts.batch ?? 500,
    order: { id: 'ASC' },
  });
  const applied: number[] = [];
  for (const { id } of due) {
    await runStep(ctx, async (em) => {
      const upgrade = await lockForUpdate(em, Upgrade, { id });
      if (!upgrade || upgrade.status !== 'scheduled') return { result: undefined, followUps: [] };
      const how = { actor: ACTOR, webhookUrls: ctx.config.webhookUrls };
      const outcome = await applyUpgradeChange(em, upgrade, how, currencyDecimals(upgrade.currency)!);
      if (!outcome.applied) {
        const reason = `service_not_active: service ${upgrade.serviceId} is ${outcome.serviceStatus} on the downgrade's date`;
        await transitionUpgrade(em, upgrade, 'rejected', { ...how, patch: { reason }, note: reason });
      } else {
        applied.push(id);
      }
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
  const rows = await ctx.ds.query<Array<{ id: number }>>(
    `SELECT u.id FROM upgrades u JOIN services s ON s.id = u.serviceId
     WHERE u.status IN ('queued', 'invoiced') AND ((s.nextDueDate IS NOT NULL AND s.nextDueDate <= ?)${ttlClause})
     ORDER BY u.id LIMIT ${Number(opts.batch ?? 500)}`,
    params,
  );
  const expired: number[] = [];
  for (const { id } of rows) {
    try {
      await runStep(ctx, async (em) => {
        const upgrade = await lockForUpdate(em, Upgrade, { id });
        if (!upgrade || !['queued', 'invoiced'].includes(upgrade.status)) return { result: undefined, followUps: [] };
        const followUps = await cancelInTransaction(
          em,
          ctx,
          upgrade,
          ACTOR,
          "expired: the order was not paid before the service's next due date or the order time limit",
        );
        expired.push(id);
        return { result: undefined, followUps };
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err; // e.g. paid meanwhile: not expired, nothing to do
    }
  }
  return expired;
}

/** What one run of the `stuck` sweep did: the healing pass over upgrades, and webhook deliveries re-enqueued. */
export interface StuckSweepOutcome extends HealOutcome {
  /** Pending webhook deliveries older than the threshold whose job was (re-)enqueued. */
  webhooks: number;
}

/**
 * The scheduler's `stuck` sweep, the safety net: heals every upgrade a job should be moving but is not (see
 * {@link healStuckUpgrades}: whatever state its BullMQ job is in, under a new heal job id), and enqueues again the jobs
 * of webhook deliveries left pending (`replaceCompleted`; a webhook's own retries decide when it fails for good).
 * Every row older than `stuckAfterMs` is walked, page by page, however many there are.
 */
export async function sweepStuck(
  ctx: AppContext,
  queues: JobQueues,
  opts: SweepOptions = {},
): Promise<StuckSweepOutcome> {
  const healed = await healStuckUpgrades(ctx, queues, opts);
  const before = new Date(ctx.clock.now().getTime() - (opts.stuckAfterMs ?? 180_000));
  const batch = Math.max(1, Math.floor(opts.batch ?? 500));
  let webhooks = 0;
  for (let last = 0; ;) {
    const pending = await ctx.ds.getRepository(WebhookDelivery).find({
      where: { status: 'pending', updatedAt: LessThan(before), id: MoreThan(last) },
      select: { id: true },
      order: { id: 'ASC' },
      take: batch,
    });
    await enqueueFollowUps(ctx, webhookJobs(pending.map((d) => d.id)), { replaceCompleted: true });
    webhooks += pending.length;
    if (pending.length < batch) break;
    last = pending[pending.length - 1].id;
  }
  return { ...healed, webhooks };
}
