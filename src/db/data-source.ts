import 'reflect-metadata';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { entities } from './entities/index.js';
import { migrations } from './migrations/index.js';
import { parseDatabaseUrl } from './database-url.js';
import { firstReachable, multiHostPoolOptions } from './host-failover.js';

/** Options of {@link createDataSource}. */
export interface DataSourceOptions {
  /** Pool size (mysql2 `connectionLimit`). @defaultValue 10 */
  poolSize?: number;
  /** Log every SQL statement. @defaultValue false */
  logging?: boolean;
}

/**
 * A TypeORM data source for MySQL/MariaDB configured so money and dates round-trip exactly: BIGINT as strings
 * (converted to bigint by the entities), DATE as `YYYY-MM-DD` strings, DATETIME in UTC.
 */
export function createDataSource(databaseUrl: string, opts: DataSourceOptions = {}): DataSource {
  const { hosts, ...db } = parseDatabaseUrl(databaseUrl);
  return new DataSource({
    type: 'mysql',
    ...db,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    timezone: 'Z',
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    bigNumberStrings: true,
    charset: 'utf8mb4_unicode_ci',
    poolSize: opts.poolSize ?? 10,
    logging: opts.logging ?? false,
    extra: {
      ...multiHostPoolOptions(hosts), // several hosts: each new connection goes to the first live one
      // mysql2 captures a stack trace per query for its own errors (4% of a worker's CPU); TypeORM's QueryFailedError
      // carries the caller's stack anyway.
      trace: false,
    },
  });
}

/** Creates the database named in the URL when it does not exist (DESIGN §8: `migrate` and `start` do this). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const { database, hosts, username, password } = parseDatabaseUrl(databaseUrl);
  const conn = await firstReachable(hosts, ({ host, port }) =>
    createConnection({ host, port, user: username, password }),
  );
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

/** Drops the database named in the URL (test clean-up, demo clean-up). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { database, hosts, username, password } = parseDatabaseUrl(databaseUrl);
  const conn = await firstReachable(hosts, ({ host, port }) =>
    createConnection({ host, port, user: username, password }),
  );
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await conn.end();
  }
}

/** Ensures the database exists, connects, and applies pending migrations. */
export async function openMigratedDataSource(databaseUrl: string, opts: DataSourceOptions = {}): Promise<DataSource> {
  await ensureDatabase(databaseUrl);
  const ds = createDataSource(databaseUrl, opts);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
