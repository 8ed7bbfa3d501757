import type { EntityManager, ObjectLiteral } from 'typeorm';
import { columnsAs, hydrateAs, type ReadRowOptions } from './row-reader.js';

/** The tables of a joined read: alias → entity class, in select order. */
export type JoinedTables = Record<string, new () => ObjectLiteral>;

/** One row of each aliased table; null for a `LEFT JOIN` that found none. */
export type JoinedRows<T extends JoinedTables> = { [A in keyof T]: InstanceType<T[A]> | null };

/** A joined read built by {@link joinedRead}: runs with the statement's parameters, null when no row matches. */
export type JoinedReader<T extends JoinedTables> = (
  em: EntityManager,
  params: readonly unknown[],
) => Promise<JoinedRows<T> | null>;

/**
 * One statement that reads a row of several tables at once — the hot path's way to replace N reads (or N locks)
 * by one round trip. `fromWhere` is the `FROM … JOIN … WHERE …` part, using the aliases of `tables`; every column
 * of each table is selected as `<alias>__<column>` and hydrated by TypeORM's driver like {@link readRow}. With
 * `lock`, `SELECT … FOR UPDATE` row-locks every row read, in the join's order: keep that order the one every step
 * locks in (invoice → upgrade → service) so two steps never wait on each other in a circle. The SQL text is built
 * once per data source.
 */
export function joinedRead<T extends JoinedTables>(
  tables: T,
  fromWhere: string,
  opts: ReadRowOptions = {},
): JoinedReader<T> {
  const sqlOf = new WeakMap<object, string>();
  const aliases = Object.keys(tables);
  return async (em, params) => {
    let sql = sqlOf.get(em.connection);
    if (sql === undefined) {
      const select = aliases.map((a) => columnsAs(em, tables[a], a)).join(', ');
      sql = `SELECT ${select} ${fromWhere}${opts.lock ? ' FOR UPDATE' : ''}`;
      sqlOf.set(em.connection, sql);
    }
    const [raw] = await em.query<ObjectLiteral[]>(sql, [...params]);
    if (!raw) return null;
    return Object.fromEntries(aliases.map((a) => [a, hydrateAs(em, tables[a], raw, a)])) as JoinedRows<T>;
  };
}
