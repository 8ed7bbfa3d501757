import type { AppContext } from '../app-context.js';
import { loadProductDefinition } from './product-definition.js';
import { toProductResource, type ProductResource } from './product-resource.js';

export async function getProduct(ctx: AppContext, id: number): Promise<ProductResource> {
  return toProductResource(await loadProductDefinition(ctx.ds.manager, id));
}
