import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource, dropDatabase, ensureDatabase, openMigratedDataSource } from '../../src/db/data-source.js';

/** Server the integration suite uses; override with TEST_MYSQL_URL (no database part). */
export const TEST_MYSQL_SERVER = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

/** A fresh, uniquely named database URL (not yet created). */
export function freshDatabaseUrl(tag = 't'): string {
  return `${TEST_MYSQL_SERVER}/upshift_${tag}_${randomBytes(5).toString('hex')}`;
}

export interface TestDatabase {
  url: string;
  ds: DataSource;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** Wraps a data source for one spec: `drop()` closes the pool and drops the database. */
function testDatabase(url: string, ds: DataSource): TestDatabase {
  return {
    url,
    ds,
    async drop() {
      if (ds.isInitialized) await ds.destroy();
      await dropDatabase(url);
    },
  };
}

/** Creates a fresh database with every migration applied. */
export async function createTestDatabase(tag = 't'): Promise<TestDatabase> {
  const url = freshDatabaseUrl(tag);
  return testDatabase(url, await openMigratedDataSource(url, { poolSize: 20 }));
}

/** Creates an empty database (no migrations) and an initialised data source for it. */
export async function createEmptyDatabase(tag = 'e'): Promise<TestDatabase> {
  const url = freshDatabaseUrl(tag);
  await ensureDatabase(url);
  const ds = createDataSource(url);
  await ds.initialize();
  return testDatabase(url, ds);
}
