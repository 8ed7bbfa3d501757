import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/** What MariaDB answers to an INSERT or UPDATE. */
export interface WriteResult {
  /** The first generated id of an INSERT (0 when the table has none or nothing was inserted). */
  insertId: number;
  affectedRows: number;
}

/** Options of {@link insertRows}. */
export interface InsertRowsOptions {
  /** `INSERT IGNORE`: a row whose unique key exists is skipped (affectedRows tells). @defaultValue false */
  ignore?: boolean;
}

// One SQL text per (entity, statement shape), built once per process.
const statements = new WeakMap<EntityMetadata, Map<string, string>>();

function cached(metadata: EntityMetadata, shape: string, build: () => string): string {
  let byShape = statements.get(metadata);
  if (!byShape) statements.set(metadata, (byShape = new Map<string, string>()));
  let sql = byShape.get(shape);
  if (sql === undefined) byShape.set(shape, (sql = build()));
  return sql;
}

function columnOf(metadata: EntityMetadata, property: string) {
  const col = metadata.findColumnWithPropertyName(property);
  if (!col) throw new Error(`${metadata.tableName} has no column ${property}`);
  return col;
}

/** Each value as TypeORM would persist it: transformers (money → BIGINT string), JSON, dates. */
function persistentValues(em: EntityManager, metadata: EntityMetadata, row: ObjectLiteral, properties: string[]) {
  const driver = em.connection.driver;
  return properties.map((p) => driver.preparePersistentValue(row[p], columnOf(metadata, p)) as unknown);
}

/**
 * Inserts rows (all with the same properties) in one statement, without TypeORM reading generated columns back:
 * the hot path needs only the new id. Columns left out take their database default.
 */
export async function insertRows<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  rows: Array<Partial<E>>,
  opts: InsertRowsOptions = {},
): Promise<WriteResult> {
  if (rows.length === 0) return { insertId: 0, affectedRows: 0 };
  const metadata = em.connection.getMetadata(entity);
  const properties = Object.keys(rows[0]);
  const one = `(${properties.map(() => '?').join(', ')})`;
  const head = cached(metadata, `insert|${opts.ignore === true}|${properties.join(',')}`, () => {
    const columns = properties.map((p) => `\`${columnOf(metadata, p).databaseName}\``).join(', ');
    return `INSERT${opts.ignore ? ' IGNORE' : ''} INTO \`${metadata.tableName}\` (${columns}) VALUES `;
  });
  const sql = head + Array.from({ length: rows.length }, () => one).join(', ');
  const params = rows.flatMap((row) => persistentValues(em, metadata, row, properties));
  const result = await em.query<{ insertId: number; affectedRows: number }>(sql, params);
  return { insertId: Number(result.insertId), affectedRows: result.affectedRows };
}

/**
 * `UPDATE … SET <set> WHERE <where>` (equality on each key; a conditional update puts the expected state in
 * `where`) in one cached statement; the row's update time, if the entity has one, is set too. Returns the rows
 * changed, so a caller can tell that another process moved the row first.
 */
export async function updateRows<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  set: Partial<E>,
  where: Partial<E>,
): Promise<number> {
  const metadata = em.connection.getMetadata(entity);
  const setProps = Object.keys(set);
  const whereProps = Object.keys(where);
  const sql = cached(metadata, `update|${setProps.join(',')}|${whereProps.join(',')}`, () => {
    const assignments = setProps.map((p) => `\`${columnOf(metadata, p).databaseName}\` = ?`);
    const updated = metadata.updateDateColumn;
    if (updated && !setProps.includes(updated.propertyName))
      assignments.push(`\`${updated.databaseName}\` = CURRENT_TIMESTAMP(3)`);
    const conditions = whereProps.map((p) => `\`${columnOf(metadata, p).databaseName}\` = ?`);
    return `UPDATE \`${metadata.tableName}\` SET ${assignments.join(', ')} WHERE ${conditions.join(' AND ')}`;
  });
  const params = [
    ...persistentValues(em, metadata, set, setProps),
    ...persistentValues(em, metadata, where, whereProps),
  ];
  const result = await em.query<{ affectedRows: number }>(sql, params);
  return result.affectedRows;
}
