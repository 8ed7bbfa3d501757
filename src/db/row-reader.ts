import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/** Options of {@link readRow}. */
export interface ReadRowOptions {
  /** `SELECT … FOR UPDATE`: row-lock what is read until the caller's transaction ends. @defaultValue false */
  lock?: boolean;
}

interface Statement {
  sql: string;
  columns: string[];
}

// One SQL text per (entity, key columns, lock): built once per process, not per call as the query builder does.
const statements = new WeakMap<EntityMetadata, Map<string, Statement>>();

function statementFor(metadata: EntityMetadata, keyColumns: string[], lock: boolean): Statement {
  let byShape = statements.get(metadata);
  if (!byShape) statements.set(metadata, (byShape = new Map<string, Statement>()));
  const shape = `${keyColumns.join(',')}|${lock}`;
  let statement = byShape.get(shape);
  if (!statement) {
    const column = (property: string) => {
      const col = metadata.findColumnWithPropertyName(property);
      if (!col) throw new Error(`${metadata.tableName} has no column ${property}`);
      return `\`${col.databaseName}\``;
    };
    const select = metadata.columns.map((c) => `\`${c.databaseName}\``).join(', ');
    const where = keyColumns.map((k) => `${column(k)} = ?`).join(' AND ');
    statement = {
      sql: `SELECT ${select} FROM \`${metadata.tableName}\` WHERE ${where}${lock ? ' FOR UPDATE' : ''}`,
      columns: keyColumns,
    };
    byShape.set(shape, statement);
  }
  return statement;
}

/**
 * Turns a raw row of `metadata`'s table into an entity exactly as TypeORM would (the driver's own conversion:
 * transformers, JSON, dates, booleans), without the query builder's per-call planning. `prefix`: the columns were
 * selected as `<prefix><column>` (a join, see {@link columnsAs}).
 */
export function hydrateRow<E extends ObjectLiteral>(
  em: EntityManager,
  metadata: EntityMetadata,
  raw: ObjectLiteral,
  prefix = '',
): E {
  const entity = metadata.create() as E;
  const driver = em.connection.driver;
  for (const col of metadata.columns) {
    (entity as ObjectLiteral)[col.propertyName] = driver.prepareHydratedValue(
      raw[prefix + col.databaseName],
      col,
    ) as unknown;
  }
  return entity;
}

/** The select list of every column of `entity`'s table under `alias`, each named `<alias>__<column>` for a join. */
export function columnsAs(em: EntityManager, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  return em.connection
    .getMetadata(entity)
    .columns.map((c) => `${alias}.\`${c.databaseName}\` AS \`${alias}__${c.databaseName}\``)
    .join(', ');
}

/** {@link hydrateRow} for the columns {@link columnsAs} selected under `alias`; null when a left join found no row. */
export function hydrateAs<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  raw: ObjectLiteral,
  alias: string,
): E | null {
  const metadata = em.connection.getMetadata(entity);
  const primary = metadata.primaryColumns[0];
  if (raw[`${alias}__${primary.databaseName}`] === null) return null;
  return hydrateRow<E>(em, metadata, raw, `${alias}__`);
}

/**
 * Reads one row by its key (`{ id: 7 }`, `{ serviceId: 3, termEnd: '2025-03-01' }`) with one cached, parameterised
 * statement, hydrated like TypeORM's `findOneBy`. Null when there is no such row. The hot path's reads and locks go
 * through here: TypeORM's query builder spent more CPU planning each statement than MariaDB spent running it.
 */
export async function readRow<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  key: Partial<E>,
  opts: ReadRowOptions = {},
): Promise<E | null> {
  const metadata = em.connection.getMetadata(entity);
  const keyColumns = Object.keys(key);
  const statement = statementFor(metadata, keyColumns, opts.lock ?? false);
  const rows = await em.query<ObjectLiteral[]>(
    statement.sql,
    keyColumns.map((k) => (key as ObjectLiteral)[k] as unknown),
  );
  return rows.length === 0 ? null : hydrateRow<E>(em, metadata, rows[0]);
}
