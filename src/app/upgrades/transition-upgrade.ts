import type { EntityManager } from 'typeorm';
import { canTransition, OPEN_STATUSES, type UpgradeStatus } from '../../domain/upgrade-status.js';
import { OpenUpgradeSlot, Upgrade, UpgradeTransition } from '../../db/entities/index.js';
import { isDuplicateKeyError } from '../../db/duplicate-key.js';
import { ConflictError, StaleStateError } from '../errors.js';
import { releasePromotionUse } from './promotion-uses.js';

/** Columns a transition may set together with the status. */
export type UpgradePatch = Partial<Pick<Upgrade, 'reason' | 'quote' | 'invoiceId' | 'promotionId' | 'effectiveDate' | 'total' | 'provisioningResult' | 'accountCredit'>>;

/**
 * Moves an upgrade from its current status to `to` with a conditional UPDATE (… WHERE status = <from>), writes
 * the history row, keeps the service's open-upgrade slot in step and gives back a promotion use when the order
 * ends without the change — all in the caller's transaction.
 * Throws {@link StaleStateError} when another process moved it first, so a step can never run twice.
 */
export async function transitionUpgrade(
  em: EntityManager, upgrade: Upgrade, to: UpgradeStatus, actor: string, patch: UpgradePatch = {}, note: string | null = null,
): Promise<Upgrade> {
  const from = upgrade.status;
  if (!canTransition(from, to)) throw new ConflictError('invalid_transition', `upgrade ${upgrade.id} cannot move from ${from} to ${to}`);
  const now = new Date();
  const result = await em.createQueryBuilder().update(Upgrade)
    .set({ ...patch, status: to, statusChangedAt: now })
    .where('id = :id AND status = :from', { id: upgrade.id, from })
    .execute();
  if (result.affected !== 1) throw new StaleStateError('upgrade', upgrade.id, from);
  await em.insert(UpgradeTransition, { upgradeId: upgrade.id, fromStatus: from, toStatus: to, actor, note, at: now });
  const wasOpen = OPEN_STATUSES.includes(from);
  const isOpen = OPEN_STATUSES.includes(to);
  if (wasOpen && !isOpen) await em.delete(OpenUpgradeSlot, { serviceId: upgrade.serviceId, upgradeId: upgrade.id });
  if ((to === 'cancelled' || to === 'rejected') && upgrade.promotionId !== null) await releasePromotionUse(em, upgrade.promotionId, upgrade.id);
  Object.assign(upgrade, patch, { status: to, statusChangedAt: now });
  return upgrade;
}

/**
 * Inserts a new upgrade in `queued` with its first history row and claims the service's open-upgrade slot.
 * `createdAt` is the caller's clock reading: order age (expiry) and promotion dates are judged by it.
 * The slot's primary key makes the database refuse a second open order for the service (409 `upgrade_open`).
 */
export async function insertQueuedUpgrade(em: EntityManager, values: Omit<Upgrade, 'id' | 'status' | 'statusChangedAt' | 'updatedAt'>, actor: string): Promise<Upgrade> {
  const now = values.createdAt;
  const upgrade = em.create(Upgrade, { ...values, status: 'queued', statusChangedAt: now });
  await em.insert(Upgrade, upgrade);
  try {
    await em.insert(OpenUpgradeSlot, { serviceId: upgrade.serviceId, upgradeId: upgrade.id });
  } catch (err) {
    if (isDuplicateKeyError(err)) {
      throw new ConflictError('upgrade_open', `service ${upgrade.serviceId} already has an open upgrade`);
    }
    throw err;
  }
  await em.insert(UpgradeTransition, { upgradeId: upgrade.id, fromStatus: null, toStatus: 'queued', actor, note: null, at: now });
  return upgrade;
}

/** Reads and row-locks an upgrade inside the caller's transaction. */
export async function lockUpgrade(em: EntityManager, id: number): Promise<Upgrade | null> {
  return em.getRepository(Upgrade).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne();
}
