import type { EntityManager } from 'typeorm';
import { PromotionUse } from '../../db/entities/index.js';

/**
 * Counts one use of a promotion for an upgrade, in the caller's transaction. The counter only moves while
 * uses < maxUses (a conditional UPDATE, so racing orders cannot overshoot the limit) and the (promotion,
 * upgrade) primary key records the use once. Returns false when the limit is already reached.
 */
export async function countPromotionUse(em: EntityManager, promotionId: number, upgradeId: number): Promise<boolean> {
  if (await em.existsBy(PromotionUse, { promotionId, upgradeId })) return true;
  const res = await em.query<{ affectedRows: number }>(
    'UPDATE promotions SET uses = uses + 1 WHERE id = ? AND (maxUses IS NULL OR uses < maxUses)',
    [promotionId],
  );
  if (res.affectedRows !== 1) return false;
  await em.insert(PromotionUse, { promotionId, upgradeId });
  return true;
}

/**
 * Gives back the use an order counted, when the order ends without the change (cancelled, rejected, expired), so
 * a limited code is not used up by orders nobody paid. Deleting the (promotion, upgrade) row first makes it once.
 */
export async function releasePromotionUse(em: EntityManager, promotionId: number, upgradeId: number): Promise<void> {
  const res = await em.query<{ affectedRows: number }>(
    'DELETE FROM promotion_uses WHERE promotionId = ? AND upgradeId = ?',
    [promotionId, upgradeId],
  );
  if (res.affectedRows === 1)
    await em.query('UPDATE promotions SET uses = uses - 1 WHERE id = ? AND uses > 0', [promotionId]);
}
