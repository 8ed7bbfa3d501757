import { Product } from '../../db/entities/product.entity.js';
import type { AppContext } from '../app-context.js';
import { decodeCursor, pageLimit, toPage, type Page, type PageRequest } from './list-page.js';
import { loadProductDefinition } from './product-definition.js';
import { toProductResource, type ProductResource } from './products.js';

/**
 * `GET /v1/products`: every product with its prices and options, newest first (by id), one page at a time. Each
 * product of the page is read with the loader of `GET /v1/products/:id` (a few queries each), so an item is the same
 * JSON as the product's own resource.
 */
export async function listProducts(ctx: AppContext, req: PageRequest): Promise<Page<ProductResource>> {
  const limit = pageLimit(req);
  const qb = ctx.ds
    .getRepository(Product)
    .createQueryBuilder('p')
    .select('p.id', 'id')
    .orderBy('p.id', 'DESC')
    .limit(limit + 1);
  if (req.cursor !== undefined) qb.where('p.id < :after', { after: decodeCursor(req.cursor, {}, ['id'])[0] });
  const ids = (await qb.getRawMany<{ id: number }>()).map((r) => Number(r.id));
  const { rows, next } = toPage(ids, limit, (id) => [id], {});
  const items: ProductResource[] = [];
  for (const id of rows) items.push(toProductResource(await loadProductDefinition(ctx.ds.manager, id)));
  return { items, next };
}
