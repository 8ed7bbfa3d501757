import type { EntityManager } from 'typeorm';

/** One page's keyset query: the SQL, its parameters and the index it reads. */
export interface KeysetQuery {
  sql: string;
  params: unknown[];
  /** The index named in `FORCE INDEX`. */
  index: string;
}

/** An equality filter of a list, and the index that serves it in list order. */
export interface KeysetFilter {
  column: string;
  value: string | number | undefined;
}

/**
 * The query of one page of a list ordered by id, newest first: the ids of `rows` rows after `after` that match every
 * filter. It reads `index` — the index of the first filter that is set, in the order given (most selective first), or
 * the primary key — forced, because MariaDB otherwise takes a `ref` on the filter's value and walks it from the top
 * (reading every newer row) instead of a range that starts at the cursor. InnoDB appends the id to each secondary
 * index, so the range is read in id order: no sort, and the scan stops after `rows` matches.
 */
export function idKeysetQuery(
  table: string,
  filters: ReadonlyArray<KeysetFilter & { index: string }>,
  after: number | undefined,
  rows: number,
): KeysetQuery {
  const set = filters.filter((f) => f.value !== undefined);
  const where = [...set.map((f) => `\`${f.column}\` = ?`), ...(after === undefined ? [] : ['`id` < ?'])];
  const params = [...set.map((f) => f.value), ...(after === undefined ? [] : [after])];
  const index = set[0]?.index ?? 'PRIMARY';
  return {
    sql: `SELECT \`id\` FROM \`${table}\` FORCE INDEX (\`${index}\`)${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY \`id\` DESC LIMIT ${Math.trunc(rows)}`,
    params,
    index,
  };
}

/** Runs a keyset query and returns the ids it found, in list order. */
export async function keysetIds(em: EntityManager, query: KeysetQuery): Promise<number[]> {
  return (await em.query<Array<{ id: number | string }>>(query.sql, query.params)).map((r) => Number(r.id));
}

/** Puts rows loaded by id back in the order of `ids`. */
export function inIdOrder<R extends { id: number }>(ids: readonly number[], rows: readonly R[]): R[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
