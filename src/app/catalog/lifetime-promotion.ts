import type { EntityManager } from 'typeorm';
import { Promotion } from '../../db/entities/promotion.entity.js';
import { percentOf } from '../../domain/percent.js';
import { BusinessRuleError } from '../errors.js';

/** The API field that names a service's lifetime promotion, on `POST /v1/services` and `PATCH /v1/services/:id`. */
export const LIFETIME_PROMO_FIELD = 'lifetimePromoCode';

/** What a lifetime promotion must fit: the service's product and currency, on the billing date. */
export interface LifetimePromotionTarget {
  productId: number;
  currency: string;
  /** Today in `BILLING_TZ` (the real clock): a promotion that expired before it cannot be attached. */
  today: string;
}

/**
 * Finds the promotion a service is to carry for life (WHMCS "recurring" promotion): it must exist (codes match
 * case-insensitively, as the column's collation compares them), be created with `lifetime: true`, not have expired,
 * cover the service's product, and for a fixed amount be in the service's currency. Use limits are not counted: they
 * limit orders, and attaching a code to a service records a promotion the front-end already granted.
 *
 * @throws BusinessRuleError 422 `promotion_invalid` naming `lifetimePromoCode`.
 */
export async function resolveLifetimePromotion(
  em: EntityManager,
  code: string,
  target: LifetimePromotionTarget,
): Promise<Promotion> {
  const refuse = (why: string) =>
    new BusinessRuleError('promotion_invalid', `${LIFETIME_PROMO_FIELD}: ${why}`, [
      { field: LIFETIME_PROMO_FIELD, message: why },
    ]);
  const promo = await em.findOneBy(Promotion, { code });
  if (!promo) throw refuse(`no promotion with code '${code}'`);
  if (!promo.lifetime)
    throw refuse(`promotion '${promo.code}' is not a lifetime promotion (create it with "lifetime": true)`);
  if (promo.expiresAt !== null && promo.expiresAt < target.today)
    throw refuse(`promotion '${promo.code}' expired on ${promo.expiresAt}`);
  if (promo.productIds.length > 0 && !promo.productIds.includes(target.productId))
    throw refuse(`promotion '${promo.code}' does not apply to product ${target.productId}`);
  if (promo.type === 'fixed' && promo.currency !== target.currency)
    throw refuse(`promotion '${promo.code}' is in ${promo.currency}, the service is billed in ${target.currency}`);
  return promo;
}

/**
 * A catalog recurring amount less a lifetime promotion, as DESIGN §3 computes `R_new`: percent → amount −
 * round(amount × p/100); fixed → amount − min(value, amount). So a service created (or recalculated) with a lifetime
 * promotion bills the price its upgrade quotes will assume.
 */
export function lessLifetimePromotion(
  amount: bigint,
  promo: Pick<Promotion, 'type' | 'percent' | 'amount'> | null,
): bigint {
  if (promo === null) return amount;
  if (promo.type === 'percent') {
    const [whole, fraction = ''] = (promo.percent ?? '0').split('.');
    return amount - percentOf(amount, { n: BigInt(whole + fraction), d: 10n ** BigInt(fraction.length) });
  }
  const off = promo.amount ?? 0n;
  return amount - (off < amount ? off : amount);
}
