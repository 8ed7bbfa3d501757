import type { AppContext } from '../app-context.js';
import { Promotion } from '../../db/entities/promotion.entity.js';
import { NotFoundError } from '../errors.js';
import { toPromotionResource, type PromotionResource } from './promotion-resource.js';

export async function getPromotion(ctx: AppContext, id: number): Promise<PromotionResource> {
  const promotion = await ctx.ds.getRepository(Promotion).findOneBy({ id });
  if (!promotion) throw new NotFoundError('promotion', id);
  return toPromotionResource(promotion);
}
