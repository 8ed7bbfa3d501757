import type { EntityManager } from 'typeorm';
import { canTransition, OPEN_STATUSES, type UpgradeStatus } from '../../domain/upgrade-status.js';
import { OpenUpgradeSlot, Upgrade, UpgradeTransition } from '../../db/entities/index.js';
import { isDuplicateKeyError } from '../../db/duplicate-key.js';
import { insertRows, updateRows } from '../../db/row-writer.js';
import type { UpgradeEventType } from '../../webhooks/index.js';
import { ConflictError, StaleStateError } from '../errors.js';
import { releasePromotionUse } from './promotion-uses.js';
import { recordUpgradeEvent } from './webhook-events.js';

/** Columns a transition may set together with the status. */
export type UpgradePatch = Partial<
  Pick<
    Upgrade,
    | 'reason'
    | 'quote'
    | 'invoiceId'
    | 'promotionId'
    | 'effectiveDate'
    | 'total'
    | 'provisioningResult'
    | 'accountCredit'
  >
>;

/** Who moves the upgrade and what comes with the move. */
export interface TransitionOptions {
  /** Who, for the history row: `client`, `staff`, `scheduler`, `worker:<queue>`. */
  actor: string;
  /** The endpoints the webhook event of the move goes to (`ctx.config.webhookUrls`). */
  webhookUrls: readonly string[];
  /** Columns set with the status. @defaultValue {} */
  patch?: UpgradePatch;
  /** A note for the history row (why). @defaultValue null */
  note?: string | null;
  /**
   * Receives the ids of the webhook deliveries the move recorded, for the step to enqueue after commit without
   * searching the table (see resumeFollowUps). @defaultValue not collected
   */
  deliveries?: number[];
  /**
   * Statuses the upgrade passes through on its way to `to`, each with its history row (and webhook event) but one
   * UPDATE for the whole move — e.g. `invoiced → paid → applied` when a paid invoice is applied in the same
   * transaction. @defaultValue [] (a direct move)
   */
  via?: ReadonlyArray<{ status: UpgradeStatus; note?: string }>;
}

/** The webhook event each status announces (docs/WEBHOOKS.md); statuses not listed send none. */
const EVENT_OF: Partial<Record<UpgradeStatus, UpgradeEventType>> = {
  invoiced: 'upgrade.invoiced',
  applied: 'upgrade.applied',
  completed: 'upgrade.completed',
  provisioning_failed: 'upgrade.provisioning_failed',
  cancelled: 'upgrade.cancelled',
  rejected: 'upgrade.rejected',
};

/**
 * Moves an upgrade from its current status to `to` — the one way a step changes an upgrade's state, in the caller's
 * transaction: a conditional UPDATE (… WHERE status = <from>), the history row, the service's open-upgrade slot kept
 * in step, a promotion use given back when the order ends without the change, and the status's webhook event written
 * as pending deliveries (resumeFollowUps enqueues them after commit). Throws {@link StaleStateError} when another
 * process moved it first, so a step can never run twice.
 */
export async function transitionUpgrade(
  em: EntityManager,
  upgrade: Upgrade,
  to: UpgradeStatus,
  how: TransitionOptions,
): Promise<Upgrade> {
  const { patch = {}, note = null, via = [] } = how;
  const from = upgrade.status;
  const steps = [...via.map((v) => ({ to: v.status, note: v.note ?? null })), { to, note }];
  let at = from;
  for (const step of steps) {
    if (!canTransition(at, step.to))
      throw new ConflictError('invalid_transition', `upgrade ${upgrade.id} cannot move from ${at} to ${step.to}`);
    at = step.to;
  }
  const now = new Date();
  const changed = await updateRows(
    em,
    Upgrade,
    { ...patch, status: to, statusChangedAt: now },
    { id: upgrade.id, status: from },
  );
  if (changed !== 1) throw new StaleStateError('upgrade', upgrade.id, from);
  await insertRows(
    em,
    UpgradeTransition,
    steps.map((step, i) => ({
      upgradeId: upgrade.id,
      fromStatus: i === 0 ? from : steps[i - 1].to,
      toStatus: step.to,
      actor: how.actor,
      note: step.note,
      at: now,
    })),
  );
  const wasOpen = OPEN_STATUSES.includes(from);
  const isOpen = OPEN_STATUSES.includes(to);
  if (wasOpen && !isOpen) await em.delete(OpenUpgradeSlot, { serviceId: upgrade.serviceId, upgradeId: upgrade.id });
  if ((to === 'cancelled' || to === 'rejected') && upgrade.promotionId !== null)
    await releasePromotionUse(em, upgrade.promotionId, upgrade.id);
  for (const step of steps) {
    const event = EVENT_OF[step.to];
    if (!event) continue;
    Object.assign(upgrade, step.to === to ? patch : {}, { status: step.to, statusChangedAt: now });
    how.deliveries?.push(...(await recordUpgradeEvent(em, [...how.webhookUrls], event, upgrade)));
  }
  Object.assign(upgrade, patch, { status: to, statusChangedAt: now });
  return upgrade;
}

/**
 * Inserts a new upgrade in `queued` with its first history row and claims the service's open-upgrade slot.
 * `createdAt` is the caller's clock reading: order age (expiry) and promotion dates are judged by it.
 * The slot's primary key makes the database refuse a second open order for the service (409 `upgrade_open`).
 */
export async function insertQueuedUpgrade(
  em: EntityManager,
  values: Omit<Upgrade, 'id' | 'status' | 'statusChangedAt' | 'updatedAt'>,
  actor: string,
): Promise<Upgrade> {
  const now = values.createdAt;
  const upgrade = em.create(Upgrade, { ...values, status: 'queued', statusChangedAt: now, updatedAt: now });
  upgrade.id = (await insertRows(em, Upgrade, [{ ...values, status: 'queued', statusChangedAt: now }])).insertId;
  try {
    await insertRows(em, OpenUpgradeSlot, [{ serviceId: upgrade.serviceId, upgradeId: upgrade.id }]);
  } catch (err) {
    if (isDuplicateKeyError(err)) {
      throw new ConflictError('upgrade_open', `service ${upgrade.serviceId} already has an open upgrade`);
    }
    throw err;
  }
  await insertRows(em, UpgradeTransition, [
    { upgradeId: upgrade.id, fromStatus: null, toStatus: 'queued', actor, note: null, at: now },
  ]);
  return upgrade;
}
