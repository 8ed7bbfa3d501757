import { Upgrade, type ProvisioningResult } from '../../db/entities/index.js';
import { lockForUpdate } from '../../db/lock-for-update.js';
import type { ChangePackageResult } from '../../panels/index.js';
import type { AppContext } from '../app-context.js';
import { readUpgradeAndService } from '../upgrades/upgrade-and-service.js';
import { NotFoundError, StaleStateError } from '../errors.js';
import { runStep } from '../run-step.js';
import { resumeFollowUps } from '../upgrades/resume-follow-ups.js';
import { transitionUpgrade } from '../upgrades/transition-upgrade.js';
import { changePackageOnPanel } from './change-package-on-panel.js';
import { loadPanelTarget } from './load-panel-target.js';
import type { ProvisioningDeps } from './provisioning-deps.js';

const ACTOR = 'worker:provisioning';
const PROVISIONABLE = ['applied', 'provisioning_failed'];

/** Where the attempt stands, from the BullMQ job. */
export interface AttemptInfo {
  /** 1 for the first attempt. */
  attempt: number;
  signal?: AbortSignal;
}

/**
 * The `provisioning` step for an upgrade: ChangePackage on the service's panel server (read → already there? →
 * package exists? → write → read back), under the server's concurrency cap, outside any DB transaction.
 * Success → `provisioned`, and the completion email is enqueued. A failure is thrown with its retry advice; the
 * worker adapter calls {@link markProvisioningFailed} when it is final (a permanent panel error, or the last
 * attempt) — billing stays applied and ops retry the job.
 */
export async function provisionUpgrade(
  ctx: AppContext,
  deps: ProvisioningDeps,
  upgradeId: number,
  at: AttemptInfo,
): Promise<ChangePackageResult | null> {
  const rows = await readUpgradeAndService(ctx.ds.manager, [upgradeId]);
  if (!rows) throw new NotFoundError('upgrade', upgradeId);
  const upgrade = rows.upgrade!;
  if (!PROVISIONABLE.includes(upgrade.status)) {
    await runStep(ctx, async (em) => ({ result: undefined, followUps: await resumeFollowUps(em, upgrade) }));
    return null;
  }
  const target = await loadPanelTarget(ctx.ds.manager, ctx.secrets, rows.service!);
  const result = target
    ? await changePackageOnPanel(ctx, deps, target, { upgradeId, serviceId: upgrade.serviceId }, at.signal)
    : null;
  const outcome: ProvisioningResult = result
    ? {
        ok: true,
        previousPackage: result.previousPackage,
        newPackage: result.package,
        changed: result.changed,
        attempts: at.attempt,
        at: ctx.clock.now().toISOString(),
      }
    : { ok: true, changed: false, attempts: at.attempt, at: ctx.clock.now().toISOString() };
  if (!target) {
    await runStep(ctx, async (em) => ({ result: undefined, followUps: await resumeFollowUps(em, upgrade) }));
    return result;
  }
  await runStep(ctx, async (em) => {
    // The status read before the panel call is the one the conditional UPDATE expects: if another process moved the
    // upgrade meanwhile (an ops retry finishing first), nothing changes here — no locking read needed to know it.
    const deliveries: number[] = [];
    const moved = { ...upgrade }; // a copy: a deadlock retry of this transaction starts from the status read
    try {
      await transitionUpgrade(em, moved, 'provisioned', {
        actor: ACTOR,
        webhookUrls: ctx.config.webhookUrls,
        patch: { provisioningResult: outcome },
        deliveries,
      });
    } catch (err) {
      if (err instanceof StaleStateError) return { result: undefined, followUps: [] };
      throw err;
    }
    // Moved here: earlier steps enqueued their own webhook deliveries, so only this move's are needed.
    return { result: undefined, followUps: await resumeFollowUps(em, moved, { recordedDeliveries: deliveries }) };
  });
  return result;
}

/**
 * `applied → provisioning_failed` with the error (already free of secrets), the staff email and the webhook: the
 * provisioning job's last failure (called by the worker adapter, which reads the attempt from the job).
 */
export async function markProvisioningFailed(
  ctx: AppContext,
  upgradeId: number,
  error: string,
  attempts: number,
): Promise<void> {
  await runStep(ctx, async (em) => {
    const upgrade = await lockForUpdate(em, Upgrade, { id: upgradeId });
    if (!upgrade || upgrade.status !== 'applied') return { result: undefined, followUps: [] };
    const provisioningResult: ProvisioningResult = {
      ok: false,
      error: error.slice(0, 2000),
      attempts,
      at: ctx.clock.now().toISOString(),
    };
    await transitionUpgrade(em, upgrade, 'provisioning_failed', {
      actor: ACTOR,
      webhookUrls: ctx.config.webhookUrls,
      patch: { provisioningResult },
      note: error.slice(0, 500),
    });
    return { result: undefined, followUps: await resumeFollowUps(em, upgrade) }; // the staff email and the webhook
  });
}
