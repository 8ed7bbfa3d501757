import { In } from 'typeorm';
import { InvoiceLine } from '../../db/entities/invoice-line.entity.js';
import { Invoice, type InvoiceStatus } from '../../db/entities/invoice.entity.js';
import type { AppContext } from '../app-context.js';
import { toInvoiceResource, type InvoiceResource } from './invoices.js';
import { idKeysetQuery, inIdOrder, keysetIds, type KeysetQuery } from './list-keyset.js';
import { decodeCursor, pageLimit, toPage, type Page, type PageRequest } from './list-page.js';

/** Filters of `GET /v1/invoices`; each one left out matches every invoice. */
export interface InvoiceFilters {
  status?: InvoiceStatus;
  clientId?: number;
}

/** The query of one page: the ids of `rows` invoices after id `after` (newest first). Exported for the EXPLAIN test. */
export function invoicePageQuery(filters: InvoiceFilters, after: number | undefined, rows: number): KeysetQuery {
  const both = filters.clientId !== undefined && filters.status !== undefined;
  return idKeysetQuery(
    'invoices',
    [
      ...(both
        ? [
            { column: 'clientId', value: filters.clientId, index: 'IDX_invoices_clientId_status' },
            { column: 'status', value: filters.status, index: 'IDX_invoices_clientId_status' },
          ]
        : []),
      // The index TypeORM named for Invoice.clientId in the initial schema.
      ...(both
        ? []
        : [
            { column: 'clientId', value: filters.clientId, index: 'IDX_d9df936180710f9968da7cf4a5' },
            { column: 'status', value: filters.status, index: 'IDX_invoices_status' },
          ]),
    ],
    after,
    rows,
  );
}

/**
 * `GET /v1/invoices`: invoices newest first (by id), filtered by status and client, one page at a time. Each filter
 * combination reads one index in id order (`status`, `clientId`, `(clientId, status)`), so a page reads `limit + 1`
 * index entries however many invoices there are (test/integration/db/list-explain.test.ts).
 */
export async function listInvoices(
  ctx: AppContext,
  filters: InvoiceFilters,
  req: PageRequest,
): Promise<Page<InvoiceResource>> {
  const limit = pageLimit(req);
  const after = req.cursor === undefined ? undefined : Number(decodeCursor(req.cursor, { ...filters }, ['id'])[0]);
  const ids = await keysetIds(ctx.ds.manager, invoicePageQuery(filters, after, limit + 1));
  const { rows, next } = toPage(
    inIdOrder(ids, ids.length === 0 ? [] : await ctx.ds.getRepository(Invoice).findBy({ id: In(ids) })),
    limit,
    (i) => [i.id],
    { ...filters },
  );
  const lines =
    rows.length === 0
      ? []
      : await ctx.ds.getRepository(InvoiceLine).find({
          where: { invoiceId: In(rows.map((i) => i.id)) },
          order: { invoiceId: 'ASC', sortOrder: 'ASC', id: 'ASC' },
        });
  const byInvoice = new Map<number, InvoiceLine[]>();
  for (const l of lines) byInvoice.set(l.invoiceId, [...(byInvoice.get(l.invoiceId) ?? []), l]);
  return { items: rows.map((i) => toInvoiceResource(i, byInvoice.get(i.id) ?? [])), next };
}
