import { z } from 'zod';
import { UPGRADE_STATUSES } from '../../domain/upgrade-status.js';
import { LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT } from '../../app/catalog/list-page.js';
import { MAX_ROW_ID } from './fields.js';
import { SERVICE_STATUSES } from './service-body.js';

// Query strings of the list routes (DESIGN §4.2). Every value arrives as a string; these schemas turn it into the
// number, date or code the list use cases take, and name the parameter in a 400 when it is not one.

/** A row id in a query string: digits, converted to a number. */
const queryId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'must be a positive integer id')
  .transform(Number)
  .pipe(z.number().int().positive().max(MAX_ROW_ID, 'is too large'));

/** `limit`: rows per page. */
const limit = z
  .string()
  .regex(/^\d{1,6}$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be at least 1').max(LIST_MAX_LIMIT, `must be at most ${LIST_MAX_LIMIT}`))
  .default(LIST_DEFAULT_LIMIT)
  .meta({ description: `Rows per page, 1-${LIST_MAX_LIMIT}` });

/** `cursor`: the `next` of the previous page, unchanged. */
const cursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,512}$/, 'must be the `next` value of the previous page, unchanged')
  .optional()
  .meta({
    description: 'The `next` value of the previous page, unchanged, with the same filters. Left out: the first page.',
  });

/** Page parameters every list takes. */
const page = { limit, cursor };

/** An instant (`2025-02-10T09:30:00Z`) or a whole UTC day (`2025-02-10`). */
const instantOrDay = z.union(
  [
    z.iso.date({ error: 'must be a date YYYY-MM-DD or an ISO 8601 instant' }),
    z.iso.datetime({ offset: true, error: 'must be a date YYYY-MM-DD or an ISO 8601 instant' }),
  ],
  { error: 'must be a date YYYY-MM-DD or an ISO 8601 instant' },
);

/** `createdFrom` (inclusive) and `createdTo` (inclusive) of `GET /v1/upgrades` as a half-open range of instants. */
export function createdRange(
  from: string | undefined,
  to: string | undefined,
): { createdFrom?: Date; createdBefore?: Date } {
  const day = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
  const out: { createdFrom?: Date; createdBefore?: Date } = {};
  if (from !== undefined) out.createdFrom = new Date(day(from) ? `${from}T00:00:00.000Z` : from);
  if (to !== undefined) {
    const end = new Date(day(to) ? `${to}T00:00:00.000Z` : to);
    // A day includes all of it; an instant includes itself (createdAt has millisecond precision).
    out.createdBefore = new Date(end.getTime() + (day(to) ? 86_400_000 : 1));
  }
  return out;
}

/** `GET /v1/upgrades`. */
export const listUpgradesQuery = z
  .strictObject({
    status: z.enum(UPGRADE_STATUSES, { error: `must be one of ${UPGRADE_STATUSES.join(', ')}` }).optional(),
    serviceId: queryId.optional(),
    clientId: queryId.optional(),
    createdFrom: instantOrDay
      .optional()
      .meta({ description: 'Orders created at or after this instant, or from the start of this UTC day' }),
    createdTo: instantOrDay
      .optional()
      .meta({ description: 'Orders created at or before this instant, or until the end of this UTC day' }),
    ...page,
  })
  .superRefine((q, ctx) => {
    const { createdFrom, createdBefore } = createdRange(q.createdFrom, q.createdTo);
    if (createdFrom && createdBefore && createdBefore.getTime() <= createdFrom.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['createdTo'], message: 'must not be before createdFrom' });
    }
  });

/** `GET /v1/invoices`. */
export const listInvoicesQuery = z.strictObject({
  status: z.enum(['unpaid', 'paid', 'cancelled'], { error: 'must be one of unpaid, paid, cancelled' }).optional(),
  clientId: queryId.optional(),
  ...page,
});

/** `GET /v1/services`. */
export const listServicesQuery = z.strictObject({
  clientId: queryId.optional(),
  productId: queryId.optional(),
  status: z.enum(SERVICE_STATUSES, { error: `must be one of ${SERVICE_STATUSES.join(', ')}` }).optional(),
  ...page,
});

/** `GET /v1/clients`, `/v1/products`, `/v1/servers`: no filters. */
export const listAllQuery = z.strictObject({ ...page });

/** A page of a list: the rows, and the cursor of the next page (null on the last). */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .strictObject({
      items: z.array(item),
      next: z
        .string()
        .nullable()
        .meta({ description: 'Pass as `cursor` (with the same filters) for the next page; null on the last page' }),
    })
    .meta({ id, description: `A page of ${id.replace(/Page$/, '').toLowerCase()} rows, newest first` });
}
