import type { AppContext } from '../app-context.js';
import { Promotion } from '../../db/entities/promotion.entity.js';
import { NotFoundError } from '../errors/index.js';
import { toPromotionView, type PromotionView } from './promotion-view.js';

export async function getPromotion(ctx: AppContext, id: number): Promise<PromotionView> {
  const promotion = await ctx.ds.getRepository(Promotion).findOneBy({ id });
  if (!promotion) throw new NotFoundError('promotion', id);
  return toPromotionView(promotion);
}
