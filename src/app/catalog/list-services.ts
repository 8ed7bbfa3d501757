import { In } from 'typeorm';
import { Promotion } from '../../db/entities/promotion.entity.js';
import { ServiceOption } from '../../db/entities/service-option.entity.js';
import { Service, type ServiceStatus } from '../../db/entities/service.entity.js';
import type { AppContext } from '../app-context.js';
import { idKeysetQuery, inIdOrder, keysetIds, type KeysetQuery } from './list-keyset.js';
import { decodeCursor, pageLimit, toPage, type Page, type PageRequest } from './list-page.js';
import type { OptionSelection } from './load-service-view.js';
import { toServiceResource, type ServiceResource } from './services.js';

/** Filters of `GET /v1/services`; each one left out matches every service. */
export interface ServiceFilters {
  clientId?: number;
  productId?: number;
  status?: ServiceStatus;
}

/** The query of one page: the ids of `rows` services after id `after` (newest first). Exported for the EXPLAIN test. */
export function servicePageQuery(filters: ServiceFilters, after: number | undefined, rows: number): KeysetQuery {
  // Most selective first: a client has a few services, a product many, a status most. The first two are the indexes
  // TypeORM named for Service.clientId and Service.productId in the initial schema.
  return idKeysetQuery(
    'services',
    [
      { column: 'clientId', value: filters.clientId, index: 'IDX_31f2f6cdc217456fc9d0378309' },
      { column: 'productId', value: filters.productId, index: 'IDX_9353a1263ebcfc8efe557489a0' },
      { column: 'status', value: filters.status, index: 'IDX_services_status' },
    ],
    after,
    rows,
  );
}

/**
 * `GET /v1/services`: services newest first (by id), filtered by client, product and status, one page at a time.
 * A filter reads its index (`clientId`, `productId`, `status`) in id order; the options and lifetime promotion codes of
 * the page are read with one query each.
 */
export async function listServices(
  ctx: AppContext,
  filters: ServiceFilters,
  req: PageRequest,
): Promise<Page<ServiceResource>> {
  const limit = pageLimit(req);
  const after = req.cursor === undefined ? undefined : Number(decodeCursor(req.cursor, { ...filters }, ['id'])[0]);
  const ids = await keysetIds(ctx.ds.manager, servicePageQuery(filters, after, limit + 1));
  const { rows, next } = toPage(
    inIdOrder(ids, ids.length === 0 ? [] : await ctx.ds.getRepository(Service).findBy({ id: In(ids) })),
    limit,
    (s) => [s.id],
    { ...filters },
  );
  if (rows.length === 0) return { items: [], next };

  const options = await ctx.ds
    .getRepository(ServiceOption)
    .find({ where: { serviceId: In(rows.map((s) => s.id)) }, order: { serviceId: 'ASC', optionId: 'ASC' } });
  const selections = new Map<number, OptionSelection[]>();
  for (const r of options) {
    // The §3 selection shape, as GET /v1/services/:id shows it (loadServiceView).
    const selection: OptionSelection =
      r.choiceId !== null ? { optionId: r.optionId, choiceId: r.choiceId } : { optionId: r.optionId, qty: r.qty ?? 0 };
    selections.set(r.serviceId, [...(selections.get(r.serviceId) ?? []), selection]);
  }
  const promotionIds = [
    ...new Set(rows.flatMap((s) => (s.lifetimePromotionId === null ? [] : [s.lifetimePromotionId]))),
  ];
  const promotions =
    promotionIds.length === 0
      ? []
      : await ctx.ds
          .getRepository(Promotion)
          .find({ where: { id: In(promotionIds) }, select: { id: true, code: true } });
  const codes = new Map(promotions.map((p) => [p.id, p.code]));
  return {
    items: rows.map((s) =>
      toServiceResource(
        Object.assign(s, { options: selections.get(s.id) ?? [] }),
        s.lifetimePromotionId === null ? null : (codes.get(s.lifetimePromotionId) ?? null),
      ),
    ),
    next,
  };
}
