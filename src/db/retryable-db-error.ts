/**
 * MariaDB/MySQL errors after which a transaction may simply be run again — it was rolled back, nothing of it
 * committed — because the cause is another transaction or the cluster, not the data:
 *
 * | errno | name | when |
 * | --- | --- | --- |
 * | 1213 | ER_LOCK_DEADLOCK | an InnoDB deadlock ("normal on busy servers"), and on Galera a **certification failure**: another node committed a conflicting write first ("WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction") |
 * | 1205 | ER_LOCK_WAIT_TIMEOUT | a row lock held too long by another transaction |
 * | 1047 | ER_UNKNOWN_COM_ERROR with "WSREP" | a Galera node that is not (yet, or no longer) part of the primary component: "WSREP has not yet prepared node for application use" |
 * | 1180 | ER_ERROR_DURING_COMMIT | the commit itself failed and was rolled back (Galera: the node left the cluster during the commit) |
 *
 * A lost connection is not here: the pool gives the retry a new connection only at the job level (BullMQ retries),
 * where a half-done step is re-checked from the database anyway.
 */
export const RETRYABLE_DB_ERRNOS: ReadonlySet<number> = new Set([1213, 1205, 1180]);

/** Errors retryable only when their message says the Galera layer (wsrep) refused. */
const WSREP_ERRNOS: ReadonlySet<number> = new Set([1047]);

/** The driver's error number and message of a TypeORM QueryFailedError or a raw mysql2 error. */
function driverError(err: unknown): { errno?: number; message?: string } {
  const e = err as { errno?: number; message?: string; driverError?: { errno?: number; message?: string } } | null;
  if (!e || typeof e !== 'object') return {};
  return e.driverError && typeof e.driverError.errno === 'number' ? e.driverError : e;
}

/** True when the failed transaction can be run again as it is (see {@link RETRYABLE_DB_ERRNOS}). */
export function isRetryableDbError(err: unknown): boolean {
  const { errno, message = '' } = driverError(err);
  if (typeof errno !== 'number') return false;
  return RETRYABLE_DB_ERRNOS.has(errno) || (WSREP_ERRNOS.has(errno) && /WSREP/i.test(message));
}

/**
 * Socket-level codes of a database connection that broke or could not be made (the server restarted, a connection
 * was killed, a failover): the next attempt gets a new connection from the pool.
 */
export const LOST_CONNECTION_CODES: ReadonlySet<string> = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

/** Server errors that mean the same: 1927 ER_CONNECTION_KILLED, 1053 ER_SERVER_SHUTDOWN, 2006/2013 gone or lost. */
const LOST_CONNECTION_ERRNOS: ReadonlySet<number> = new Set([1927, 1053, 2006, 2013]);

/**
 * True when the database could not be reached or dropped the connection mid-statement: an outage, not a bug, so a
 * job is worth retrying with its queue's whole budget (workers/bullmq-retry.ts).
 */
export function isLostDbConnection(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  if (!e || typeof e !== 'object') return false;
  const code = e.driverError?.code ?? e.code;
  if (typeof code === 'string' && LOST_CONNECTION_CODES.has(code)) return true;
  const { errno } = driverError(err);
  return typeof errno === 'number' && LOST_CONNECTION_ERRNOS.has(errno);
}
