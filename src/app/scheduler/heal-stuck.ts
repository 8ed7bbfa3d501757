import { isDuplicateKeyError } from '../../db/duplicate-key.js';
import { healJobIdFor, jobIdFor } from '../../queues/job-ids.js';
import type { HealableState } from '../../queues/job-payloads.js';
import { processMetrics } from '../../observability/process-metrics.js';
import type { AppContext } from '../app-context.js';
import type { FollowUp } from '../run-step.js';
import type { JobQueues } from '../ops/job-queues.js';
import { serviceHasPanel } from '../upgrades/resume-follow-ups.js';
import { nextJobFor } from '../upgrades/upgrade-follow-ups.js';

/** Options of {@link healStuckUpgrades}. */
export interface HealOptions {
  /** Upgrades sitting in a healable state longer than this are looked at. @defaultValue 180000 (3 min) */
  stuckAfterMs?: number;
  /** Rows read per query (keyset pages: every stuck row is walked, page after page). @defaultValue 500 */
  batch?: number;
}

/** One re-drive: which upgrade, stuck where since when, which job it replaced and the new job's id. */
export interface Heal {
  upgradeId: number;
  state: HealableState;
  stuckSince: Date;
  queue: FollowUp['queue'];
  /** The deterministic id of the job that should have moved it. */
  jobId: string;
  /** What BullMQ held for the latest job of that step (the original or the last heal): failed, completed or missing. */
  jobState: 'failed' | 'completed' | 'missing';
  round: number;
  healJobId: string;
}

/** What one healing pass did. */
export interface HealOutcome {
  /** Stuck rows looked at (every one older than the threshold, in every healable state). */
  checked: number;
  /**
   * Of those, rows left alone: their job is still waiting, active or delayed (it will run), or their last heal is
   * younger than its spacing ({@link healSpacingMs}).
   */
  inHand: number;
  healed: Heal[];
}

/** BullMQ states in which a job will still run (an active job whose worker died is BullMQ's stalled check's business). */
const PENDING_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * The least time a heal round is given before the next: the sweep that claimed it enqueues its job right after the
 * claim, and a second sweep looking in between (the job not in Redis yet) must not take another round.
 */
export const HEAL_CLAIM_GRACE_MS = 60_000;

/** The most time between two heal rounds of one step. */
export const HEAL_SPACING_CAP_MS = 3_600_000;

/**
 * How long heal round `round` is given before round `round + 1` may re-drive the same step: the stuck threshold,
 * doubling each round (at least {@link HEAL_CLAIM_GRACE_MS}, at most {@link HEAL_SPACING_CAP_MS}). A step that fails
 * for good every time (a bug, a poison row) is re-driven ever less often instead of every minute for ever.
 */
export function healSpacingMs(round: number, stuckAfterMs: number): number {
  return Math.max(HEAL_CLAIM_GRACE_MS, Math.min(HEAL_SPACING_CAP_MS, stuckAfterMs * 2 ** Math.max(0, round - 1)));
}

/** Upgrade states with `statusChangedAt` as their "since"; `invoiced` (with a paid invoice) has its own query. */
const BY_STATUS: readonly HealableState[] = ['queued', 'paid', 'applied', 'provisioned'];

interface StuckRow {
  id: number;
  state: HealableState;
  invoiceId: number | null;
  serviceId: number;
  since: Date;
}

/**
 * Pages of stuck rows, keyset-paginated by id (`id > last`) until each state is exhausted: upgrades `queued`, `paid`,
 * `applied`, `provisioned` unchanged since before `before`, and `invoiced` ones whose invoice was paid before `before`.
 */
async function* stuckPages(ctx: AppContext, before: Date, batch: number): AsyncGenerator<StuckRow[]> {
  const page = async (state: HealableState, sql: string, params: unknown[]): Promise<StuckRow[]> =>
    (
      await ctx.ds.query<Array<{ id: number; invoiceId: number | null; serviceId: number; since: Date | string }>>(
        sql,
        [state, ...params],
      )
    ).map((r) => ({
      id: Number(r.id),
      invoiceId: r.invoiceId === null ? null : Number(r.invoiceId),
      serviceId: Number(r.serviceId),
      state,
      since: new Date(r.since),
    }));
  const limit = Math.max(1, Math.floor(batch));
  for (const state of BY_STATUS) {
    for (let last = 0; ;) {
      const rows = await page(
        state,
        `SELECT id, invoiceId, serviceId, statusChangedAt AS since FROM upgrades
         WHERE status = ? AND statusChangedAt < ? AND id > ? ORDER BY id LIMIT ${limit}`,
        [before, last],
      );
      if (rows.length > 0) yield rows;
      if (rows.length < limit) break;
      last = rows[rows.length - 1].id;
    }
  }
  // Paid invoices whose upgrade still waits in `invoiced`: the payment committed, its invoice-paid job never moved it.
  for (let last = 0; ;) {
    const rows = await page(
      'invoiced',
      `SELECT u.id, i.id AS invoiceId, u.serviceId, i.paidAt AS since FROM upgrades u JOIN invoices i ON i.upgradeId = u.id
       WHERE u.status = ? AND i.status = 'paid' AND i.paidAt < ? AND u.id > ? ORDER BY u.id LIMIT ${limit}`,
      [before, last],
    );
    if (rows.length > 0) yield rows;
    if (rows.length < limit) break;
    last = rows[rows.length - 1].id;
  }
}

/**
 * The step that moves a stuck row on — the rule the steps themselves use ({@link nextJobFor}); an `invoiced` upgrade
 * with a paid invoice is moved by the same job as a `paid` one (`paid-<invoiceId>`, what recording the payment enqueues).
 */
async function stepFor(ctx: AppContext, row: StuckRow): Promise<FollowUp | null> {
  const status = row.state === 'invoiced' ? 'paid' : row.state;
  const hasPanel = status === 'applied' && (await serviceHasPanel(ctx.ds.manager, row.serviceId));
  return nextJobFor({ id: row.id, status, invoiceId: row.invoiceId }, hasPanel);
}

/** Runs `work` over `items`, at most `limit` at once. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/**
 * The healing sweep (DESIGN §2: "money steps heal whatever Redis remembers"). The database says which upgrades a job
 * should be moving: every one sitting in `queued`, `invoiced` with its invoice paid, `paid`, `applied` or `provisioned`
 * for longer than `stuckAfterMs`, however many there are. For each, it looks at the BullMQ job that should be moving
 * it — the deterministic id and the latest heal id of that step:
 *
 * - waiting, active, delayed or prioritized: left alone, it will run;
 * - missing, completed, or failed for good: re-driven under a NEW deterministic id `<jobId>-heal-<round>` (once the
 *   previous heal of that step, if any, has had its time: the stuck threshold, doubling each round, see
 *   {@link healSpacingMs}). The round
 *   is the upgrade's heal counter in the database, claimed by inserting `(upgradeId, round)` into `upgrade_heals`
 *   (unique) only while the upgrade is still in that state — so two sweeps racing in two processes add one job, and a
 *   row that moved on meanwhile is not re-driven. A failed job is never removed or changed (ops inspect it), and the
 *   original id is never reused (BullMQ would keep the failed one for 30 days and ignore the add).
 *
 * Each heal is logged with its ids, counted in `upshift_heals_total{queue,state}`, and reported to staff once per
 * upgrade and state (the `upgrade-healed` email, whose job id and send-once key carry the state), however many
 * rounds it takes. Every step re-checks the database first, so a heal of a step already done does nothing twice.
 */
export async function healStuckUpgrades(
  ctx: AppContext,
  queues: JobQueues,
  opts: HealOptions = {},
): Promise<HealOutcome> {
  const stuckAfterMs = opts.stuckAfterMs ?? 180_000;
  const before = new Date(ctx.clock.now().getTime() - stuckAfterMs);
  const outcome: HealOutcome = { checked: 0, inHand: 0, healed: [] };
  for await (const rows of stuckPages(ctx, before, opts.batch ?? 500)) {
    outcome.checked += rows.length;
    // The heal counter seen for each upgrade, and the latest heal job of each (upgrade, original job).
    const seenRound = new Map<number, number>();
    const latestHeal = new Map<string, { healJobId: string; round: number; ageMs: number }>();
    // Ages by the database's clock, which wrote `at` (every process agrees on it).
    const heals = await ctx.ds.query<
      Array<{ upgradeId: number; round: number; jobId: string; healJobId: string; ageUs: number | string }>
    >(
      `SELECT upgradeId, round, jobId, healJobId, TIMESTAMPDIFF(MICROSECOND, at, CURRENT_TIMESTAMP(3)) AS ageUs
       FROM upgrade_heals WHERE upgradeId IN (?) ORDER BY round`,
      [rows.map((r) => r.id)],
    );
    for (const h of heals) {
      seenRound.set(Number(h.upgradeId), Math.max(seenRound.get(Number(h.upgradeId)) ?? 0, Number(h.round)));
      latestHeal.set(`${h.upgradeId} ${h.jobId}`, {
        healJobId: h.healJobId,
        round: Number(h.round),
        ageMs: Number(h.ageUs) / 1000,
      });
    }
    await eachLimited(rows, 16, async (row) => {
      const step = await stepFor(ctx, row);
      if (!step) return;
      const jobId = jobIdFor(step.queue, step.payload as never);
      const lastHeal = latestHeal.get(`${row.id} ${jobId}`);
      const queue = queues.queue(step.queue);
      const [original, healed] = await Promise.all([
        queue.getJobState(jobId),
        lastHeal ? queue.getJobState(lastHeal.healJobId) : Promise.resolve(null),
      ]);
      // The last heal of this step is given its time before the next round (and its job may not be in Redis yet).
      const tooSoon = lastHeal !== undefined && lastHeal.ageMs < healSpacingMs(lastHeal.round, stuckAfterMs);
      if (PENDING_STATES.has(original) || (healed !== null && PENDING_STATES.has(healed)) || tooSoon) {
        outcome.inHand += 1;
        return;
      }
      const latest = healed ?? original;
      const heal: Heal = {
        upgradeId: row.id,
        state: row.state,
        stuckSince: row.since,
        queue: step.queue,
        jobId,
        jobState: latest === 'completed' || latest === 'failed' ? latest : 'missing',
        round: (seenRound.get(row.id) ?? 0) + 1,
        healJobId: '',
      };
      heal.healJobId = healJobIdFor(jobId, heal.round);
      if (!(await claimRound(ctx, heal))) return;
      await ctx.jobs.enqueue(step.queue, step.payload, { jobId: heal.healJobId });
      processMetrics().countHeal(heal.queue, heal.state);
      ctx.log.warn(
        {
          upgradeId: heal.upgradeId,
          invoiceId: row.invoiceId,
          state: heal.state,
          stuckSince: heal.stuckSince.toISOString(),
          queue: heal.queue,
          jobId,
          jobState: heal.jobState,
          healJobId: heal.healJobId,
        },
        'healed a stuck upgrade: its step is re-driven under a new job id',
      );
      // Once per upgrade and state: the job id and the send-once key both carry the state.
      await ctx.jobs.enqueue('email', { template: 'upgrade-healed', upgradeId: heal.upgradeId, state: heal.state });
      outcome.healed.push(heal);
    });
  }
  return outcome;
}

/**
 * Claims heal round `heal.round` of the upgrade: inserted only while the upgrade is still in the stuck state (a row
 * that moved on since it was read is left alone). A duplicate `(upgradeId, round)` means another sweep claimed it.
 * @returns whether this sweep claimed it
 */
async function claimRound(ctx: AppContext, heal: Heal): Promise<boolean> {
  try {
    const inserted = await ctx.ds.query<{ affectedRows: number }>(
      `INSERT INTO upgrade_heals (upgradeId, round, state, queue, jobId, jobState, healJobId, stuckSince)
       SELECT u.id, ?, ?, ?, ?, ?, ?, ? FROM upgrades u WHERE u.id = ? AND u.status = ?`,
      [
        heal.round,
        heal.state,
        heal.queue,
        heal.jobId,
        heal.jobState,
        heal.healJobId,
        heal.stuckSince,
        heal.upgradeId,
        heal.state,
      ],
    );
    return inserted.affectedRows === 1;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}
