import { Promotion } from '../../db/entities/promotion.entity.js';
import { toMinorUnits, toMoneyString } from './catalog-money.js';
import type { AppContext } from '../app-context.js';
import { Product } from '../../db/entities/product.entity.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { isDuplicateKeyError } from '../../db/duplicate-key.js';
import { requireReferences } from './require-reference.js';

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

export interface CreatePromotionInput {
  code: string;
  type: 'percent' | 'fixed';
  /** percent: 0-100 as a decimal string; fixed: an amount in `currency`. */
  value: string;
  /** Required for fixed promotions. */
  currency?: string;
  appliesToUpgrades: boolean;
  lifetime: boolean;
  /** Empty: every product. */
  productIds: number[];
  expiresAt: string | null;
  maxUses: number | null;
}

function codeTaken(code: string): ConflictError {
  return new ConflictError('promotion_code_taken', `code: promotion code ${code} already exists`, [
    { field: 'code', message: 'already exists' },
  ]);
}

/**
 * Creates a promotion code (DESIGN §4 `POST /v1/promotions`). Codes are unique (case-insensitively, by the
 * column's collation): a taken code is 409 `promotion_code_taken`, also when two requests race for it.
 */
export async function createPromotion(ctx: AppContext, input: CreatePromotionInput): Promise<PromotionResource> {
  return ctx.ds.transaction(async (em) => {
    await requireReferences(
      em,
      Product,
      input.productIds.map((id, i) => ({ id, field: `productIds[${i}]` })),
      'unknown_product',
      'product',
    );
    const repo = em.getRepository(Promotion);
    if (await repo.existsBy({ code: input.code })) throw codeTaken(input.code);
    const fixed = input.type === 'fixed';
    let promotion: Promotion;
    try {
      promotion = await repo.save(
        repo.create({
          code: input.code,
          type: input.type,
          percent: fixed ? null : input.value,
          amount: fixed ? toMinorUnits(input.value, input.currency!, 'value') : null,
          currency: fixed ? input.currency! : null,
          appliesToUpgrades: input.appliesToUpgrades,
          lifetime: input.lifetime,
          productIds: input.productIds,
          expiresAt: input.expiresAt,
          maxUses: input.maxUses,
          uses: 0,
        }),
      );
    } catch (err) {
      if (isDuplicateKeyError(err)) throw codeTaken(input.code);
      throw err;
    }
    return toPromotionResource(promotion);
  });
}

export async function getPromotion(ctx: AppContext, id: number): Promise<PromotionResource> {
  const promotion = await ctx.ds.getRepository(Promotion).findOneBy({ id });
  if (!promotion) throw new NotFoundError('promotion', id);
  return toPromotionResource(promotion);
}
