import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { readRow } from './row-reader.js';

/**
 * Reads one row and row-locks it (`SELECT … FOR UPDATE`) until the caller's transaction ends — the one way a step
 * locks what it is about to change (DESIGN §2: every step re-reads and locks its state). `key` is the row's primary
 * key, e.g. `{ id: 7 }` or `{ serviceId: 3, termEnd: '2025-03-01' }`. Null when there is no such row.
 */
export async function lockForUpdate<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  key: Partial<E>,
): Promise<E | null> {
  return readRow(em, entity, key, { lock: true });
}

/** {@link lockForUpdate} for a row that must exist (its absence is a bug, not a 404). */
export async function lockForUpdateOrFail<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  key: Partial<E>,
): Promise<E> {
  const row = await lockForUpdate(em, entity, key);
  if (row === null)
    throw new Error(`no ${em.connection.getMetadata(entity).tableName} row with ${JSON.stringify(key)} to lock`);
  return row;
}
