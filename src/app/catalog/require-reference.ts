import { In, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { BusinessRuleError } from '../errors.js';

/**
 * Loads the rows a request refers to by id (e.g. `serverId`, `upgradeTargets[2]`), or throws 422 `code` naming
 * the first missing one.
 */
export async function requireReferences<T extends ObjectLiteral & { id: number }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  ids: ReadonlyArray<{ id: number; field: string }>,
  code: string,
  what: string,
): Promise<Map<number, T>> {
  if (ids.length === 0) return new Map();
  const rows = await em.getRepository(entity).findBy({ id: In(ids.map((r) => r.id)) } as never);
  const found = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.find((r) => !found.has(r.id));
  if (missing) {
    const message = `${what} ${missing.id} does not exist`;
    throw new BusinessRuleError(code, `${missing.field}: ${message}`, [{ field: missing.field, message }]);
  }
  return found;
}

/** {@link requireReferences} for one id. */
export async function requireReference<T extends ObjectLiteral & { id: number }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  id: number,
  field: string,
  code: string,
  what: string,
): Promise<T> {
  const rows = await requireReferences(em, entity, [{ id, field }], code, what);
  return rows.get(id)!;
}
