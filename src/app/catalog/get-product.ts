import type { AppContext } from '../app-context.js';
import { loadProductDefinition } from './product-definition.js';
import { toProductView, type ProductView } from './product-view.js';

export async function getProduct(ctx: AppContext, id: number): Promise<ProductView> {
  return toProductView(await loadProductDefinition(ctx.ds.manager, id));
}
