import { createHash } from 'node:crypto';
import { ValidationError } from '../errors.js';

/** Rows per page when `limit` is left out (DESIGN §4.2). */
export const LIST_DEFAULT_LIMIT = 50;
/** The largest page a list answers. */
export const LIST_MAX_LIMIT = 500;

/** One page of a list: its rows, newest first, and the cursor of the next page (null on the last). */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/** Where a page starts and how long it is. */
export interface PageRequest {
  /** Rows per page, 1 to {@link LIST_MAX_LIMIT}. @defaultValue {@link LIST_DEFAULT_LIMIT} */
  limit?: number;
  /** The `next` of the previous page; absent for the first page. */
  cursor?: string;
}

/**
 * The sort key of the last row of a page (keyset pagination): `[id]` for lists ordered by id, `[createdAt, id]` for
 * upgrades. The next page is the rows strictly after it in the list's order, so rows added meanwhile never shift a
 * page and a page costs the same at any depth.
 */
export type CursorKey = Array<string | number>;

/** A filter value as a cursor binds it: dates by their instant, absent filters left out. */
type FilterValue = string | number | boolean | Date | undefined;

/** The filters a cursor was issued for, as a short hash: the same filters, in any order, hash the same. */
export function filtersHash(filters: Record<string, FilterValue>): string {
  const canonical = Object.keys(filters)
    .sort()
    .filter((k) => filters[k] !== undefined)
    .map((k) => {
      const v = filters[k];
      return [k, v instanceof Date ? v.toISOString() : v];
    });
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url').slice(0, 16);
}

/** The opaque cursor of the page after the row with `key`: base64url of `{k: key, f: filters hash}`. */
export function encodeCursor(key: CursorKey, filters: Record<string, FilterValue>): string {
  return Buffer.from(JSON.stringify({ k: key, f: filtersHash(filters) }), 'utf8').toString('base64url');
}

/** What each position of a cursor key holds. */
export type CursorPart = 'id' | 'instant';

const badCursor = (message: string) => new ValidationError(`cursor: ${message}`, [{ field: 'cursor', message }]);

/**
 * Reads a cursor made by {@link encodeCursor} for the same list. A cursor that is not one, or that was issued for
 * other filters, is a 400 on `cursor` (a cursor is only valid with the filters of the request that returned it).
 */
export function decodeCursor(
  cursor: string,
  filters: Record<string, FilterValue>,
  parts: readonly CursorPart[],
): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('is not a cursor of this list: pass the `next` value of the previous page unchanged');
  }
  const { k, f } = (parsed ?? {}) as { k?: unknown; f?: unknown };
  const valid =
    Array.isArray(k) &&
    k.length === parts.length &&
    k.every((v, i) =>
      parts[i] === 'id'
        ? Number.isSafeInteger(v) && (v as number) > 0
        : typeof v === 'string' && !Number.isNaN(Date.parse(v)),
    );
  if (!valid || typeof f !== 'string')
    throw badCursor('is not a cursor of this list: pass the `next` value of the previous page unchanged');
  if (f !== filtersHash(filters))
    throw badCursor(
      'was issued for other filters: send the same filters as the request that returned it, or start again without cursor',
    );
  return k as CursorKey;
}

/** The limit a request asks for, or the default. */
export function pageLimit(req: PageRequest): number {
  const limit = req.limit ?? LIST_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_MAX_LIMIT) {
    throw new ValidationError(`limit: must be 1-${LIST_MAX_LIMIT}`, [
      { field: 'limit', message: `must be 1-${LIST_MAX_LIMIT}` },
    ]);
  }
  return limit;
}

/**
 * Cuts the `limit + 1` rows a list query fetched to one page: when there is a row more, the page has a `next` cursor
 * after its last row.
 */
export function toPage<R>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => CursorKey,
  filters: Record<string, FilterValue>,
): { rows: R[]; next: string | null } {
  if (rows.length <= limit) return { rows, next: null };
  const page = rows.slice(0, limit);
  return { rows: page, next: encodeCursor(keyOf(page[page.length - 1]), filters) };
}
