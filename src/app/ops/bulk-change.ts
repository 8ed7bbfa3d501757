import { In } from 'typeorm';
import { OpenUpgradeSlot, Product, Service } from '../../db/entities/index.js';
import type { AppContext } from '../app-context.js';
import { AppError, NotFoundError, ValidationError } from '../errors.js';
import { manualChange } from '../services/manual-change.js';
import { resolveBillingDate } from '../billing-date.js';
import { STAFF_CALLER } from '../upgrades/caller.js';
import { placeUpgrade } from '../upgrades/place-upgrade.js';
import { quoteForService } from '../upgrades/quote-for-service.js';
import { forEachPaced } from './for-each-paced.js';
import type { JobQueues } from './job-queues.js';
import type { OpsRunOptions } from './ops-run-options.js';
import { recordJobAudit } from './record-job-audit.js';

/** `upshift upgrades bulk`: move every service of one product to another. */
export interface BulkChangeRequest {
  fromProductId: number;
  toProductId: number;
  /**
   * true: a staff manual change (product, recurring amount recalculated from the catalog, ChangePackage when the
   * target has a panel module) with no invoice. false: a staff upgrade order per service, priced and invoiced
   * like any order. @defaultValue false
   */
  free?: boolean;
  /** Orders only: the date they are priced at (`YYYY-MM-DD`). @defaultValue today in the billing time zone */
  asOf?: string;
}

/** What happened to one service. */
export interface BulkChangeItem {
  serviceId: number;
  outcome: 'changed' | 'ordered' | 'would-change' | 'would-order' | 'skipped' | 'failed';
  /** The job it queued (ChangePackage or the order), the quote total on a dry run, or the reason. */
  detail: string;
}

/** The run summary (also written to `job_audit` as a `bulk-summary` row). */
export interface BulkChangeSummary {
  runId: string;
  fromProductId: number;
  toProductId: number;
  free: boolean;
  dryRun: boolean;
  /** Services on the source product when the run started. */
  matched: number;
  changed: number;
  ordered: number;
  skipped: number;
  failed: number;
  /** Stopped before the end (Ctrl-C): run the same command again to do the rest. */
  interrupted: boolean;
  items: BulkChangeItem[];
}

/** Services a bulk change moves: those not terminated or cancelled. */
const MOVABLE = ['active', 'suspended', 'pending'];

/**
 * Moves every service on `fromProductId` to `toProductId` (a hosting company retiring a plan), one service per
 * transaction, in batches paced by the queue backlog (ChangePackage jobs further wait on the per-server panel
 * limit). Resumable: a service already moved is no longer on the source product, and one with an open upgrade
 * (e.g. this command's own order from an interrupted run) is skipped, so re-running the command does the rest.
 * Every service moved and the run itself leave a `job_audit` row.
 */
export async function bulkChange(
  ctx: AppContext,
  queues: JobQueues,
  req: BulkChangeRequest,
  opts: OpsRunOptions,
): Promise<BulkChangeSummary> {
  const free = req.free ?? false;
  if (req.fromProductId === req.toProductId)
    throw new ValidationError('--to-product must differ from --from-product', [
      { field: 'toProduct', message: 'same as fromProduct' },
    ]);
  const products = ctx.ds.getRepository(Product);
  if (!(await products.existsBy({ id: req.fromProductId }))) throw new NotFoundError('product', req.fromProductId);
  const target = await products.findOneBy({ id: req.toProductId });
  if (!target) throw new NotFoundError('product', req.toProductId);
  if (req.asOf !== undefined && (free || !/^\d{4}-\d{2}-\d{2}$/.test(req.asOf))) {
    throw new ValidationError(
      free
        ? '--as-of applies to orders, not to --free changes'
        : `--as-of: expected a date YYYY-MM-DD, got '${req.asOf}'`,
      [{ field: 'asOf', message: 'invalid' }],
    );
  }
  const asOf = resolveBillingDate(ctx, req.asOf, 'staff');

  const runId = `bulk-${req.fromProductId}-to-${req.toProductId}-${ctx.clock.now().toISOString().replace(/[-:.]/g, '')}`;
  const services = await ctx.ds
    .getRepository(Service)
    .find({ where: { productId: req.fromProductId, status: In(MOVABLE) }, select: { id: true }, order: { id: 'ASC' } });
  const items: BulkChangeItem[] = [];
  const queue = free ? ('provisioning' as const) : ('upgrade-orders' as const);
  const audit = (jobId: string, detail: object) =>
    recordJobAudit(ctx.ds.manager, {
      who: opts.who,
      action: 'bulk-change',
      queue,
      jobId,
      detail: { runId, ...detail },
    });

  const interrupted = await forEachPaced(
    services,
    queues,
    () => queue,
    opts,
    free ? 'bulk change (free)' : 'bulk change (orders)',
    async ({ id: serviceId }) => {
      const slot = await ctx.ds.getRepository(OpenUpgradeSlot).findOneBy({ serviceId });
      if (slot) {
        items.push({ serviceId, outcome: 'skipped', detail: `open upgrade ${slot.upgradeId}` });
        return;
      }
      try {
        if (free) {
          if (opts.dryRun) {
            items.push({
              serviceId,
              outcome: 'would-change',
              detail: target.module ? 'with ChangePackage' : 'no panel module',
            });
            return;
          }
          const changed = await manualChange(ctx, serviceId, {
            productId: req.toProductId,
            recalculate: true,
            changePackage: target.module !== null,
          });
          await audit(changed.changePackageJobId ?? `service-${serviceId}`, {
            serviceId,
            fromProductId: req.fromProductId,
            toProductId: req.toProductId,
            free,
            recurringAmount: changed.recurringAmount,
          });
          items.push({ serviceId, outcome: 'changed', detail: changed.changePackageJobId ?? 'no panel module' });
        } else if (opts.dryRun) {
          const priced = await quoteForService(
            ctx.ds.manager,
            serviceId,
            { productId: req.toProductId },
            { asOf, promotionDate: ctx.clock.today(), actor: 'staff', policy: ctx.config.policy },
          );
          items.push({
            serviceId,
            outcome: 'would-order',
            detail: `invoice total ${priced.quote.total} ${priced.service.currency}`,
          });
        } else {
          const placed = await placeUpgrade(
            ctx,
            serviceId,
            { productId: req.toProductId, actor: 'staff', asOf },
            STAFF_CALLER,
          );
          await audit(`order-${placed.upgradeId}`, {
            serviceId,
            upgradeId: placed.upgradeId,
            fromProductId: req.fromProductId,
            toProductId: req.toProductId,
            free,
          });
          items.push({ serviceId, outcome: 'ordered', detail: `upgrade ${placed.upgradeId}` });
        }
      } catch (err) {
        if (!(err instanceof AppError)) throw err; // the database or Redis: stop; a re-run resumes
        items.push({ serviceId, outcome: 'failed', detail: `${err.code}: ${err.message}` });
      }
    },
  );

  const count = (...outcomes: BulkChangeItem['outcome'][]) => items.filter((i) => outcomes.includes(i.outcome)).length;
  const summary: BulkChangeSummary = {
    runId,
    fromProductId: req.fromProductId,
    toProductId: req.toProductId,
    free,
    dryRun: opts.dryRun ?? false,
    matched: services.length,
    changed: count('changed', 'would-change'),
    ordered: count('ordered', 'would-order'),
    skipped: count('skipped'),
    failed: count('failed'),
    interrupted,
    items,
  };
  if (!opts.dryRun) {
    const { items: _items, ...counts } = summary;
    await recordJobAudit(ctx.ds.manager, {
      who: opts.who,
      action: 'bulk-summary',
      queue,
      jobId: runId,
      detail: counts,
    });
  }
  return summary;
}
