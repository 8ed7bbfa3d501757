import { Upgrade, type ProvisioningResult } from '../../db/entities/index.js';
import { lockForUpdate } from '../../db/lock-for-update.js';
import type { ChangePackageResult } from '../../panels/index.js';
import type { AppContext } from '../app-context.js';
import { readUpgradeAndService } from '../upgrades/upgrade-and-service.js';
import { NotFoundError } from '../errors.js';
import { runStep } from '../run-step.js';
import { resumeFollowUps } from '../upgrades/resume-follow-ups.js';
import { moveReadUpgrade } from '../upgrades/move-read-upgrade.js';
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
  // Done already, or nothing to do on a panel (the product has none): only what the upgrade still needs is enqueued.
  const target = PROVISIONABLE.includes(upgrade.status)
    ? await loadPanelTarget(ctx.ds.manager, ctx.secrets, rows.service!)
    : null;
  if (!target) {
    await runStep(ctx, async (em) => ({ result: undefined, followUps: await resumeFollowUps(em, upgrade) }));
    return null;
  }
  const result = await changePackageOnPanel(ctx, deps, target, { upgradeId, serviceId: upgrade.serviceId }, at.signal);
  const outcome: ProvisioningResult = {
    ok: true,
    previousPackage: result.previousPackage,
    newPackage: result.package,
    changed: result.changed,
    attempts: at.attempt,
    at: ctx.clock.now().toISOString(),
  };
  // The status read before the panel call is the one the move expects: an ops retry that finished first wins.
  await moveReadUpgrade(ctx, upgrade, 'provisioned', { actor: ACTOR, patch: { provisioningResult: outcome } });
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
