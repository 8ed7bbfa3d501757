/** True for MySQL/MariaDB's "Duplicate entry" error (ER_DUP_ENTRY), however TypeORM wraps it. */
export function isDuplicateKeyError(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  return e?.code === 'ER_DUP_ENTRY' || e?.driverError?.code === 'ER_DUP_ENTRY';
}
