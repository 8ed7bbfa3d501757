import type { Promotion } from '../../db/entities/promotion.entity.js';
import { toMoneyString } from './catalog-money.js';

/** A promotion as the API shows it: the fields it is created with, plus id and uses so far. */
export interface PromotionResource {
  id: number;
  code: string;
  type: 'percent' | 'fixed';
  /** percent: the percentage ("10"); fixed: a money string in `currency`. */
  value: string;
  /** Null for percent promotions. */
  currency: string | null;
  appliesToUpgrades: boolean;
  lifetime: boolean;
  productIds: number[];
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
}

export function toPromotionResource(p: Promotion): PromotionResource {
  return {
    id: p.id,
    code: p.code,
    type: p.type,
    value: p.type === 'percent' ? p.percent! : toMoneyString(p.amount!, p.currency!),
    currency: p.currency,
    appliesToUpgrades: p.appliesToUpgrades,
    lifetime: p.lifetime,
    productIds: p.productIds,
    expiresAt: p.expiresAt,
    maxUses: p.maxUses,
    uses: p.uses,
  };
}
