import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../../src/config/package-root.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

/** What Galera does not replicate or certify, kept out of Upshift (docs/HIGH-AVAILABILITY.md). */
describe('Galera compatibility of the schema and the SQL', function () {
  this.timeout(60_000);
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase('galera');
  });
  after(async () => {
    await db?.drop();
  });

  it('every table, the migrations table included, is InnoDB with a primary key', async () => {
    const tables = await db.ds.query<
      Array<{ name: string; engine: string; pk: string | number }>
    >(`SELECT t.TABLE_NAME AS name, t.ENGINE AS engine,
      (SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS c WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.CONSTRAINT_TYPE = 'PRIMARY KEY') AS pk
      FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = DATABASE() ORDER BY t.TABLE_NAME`);
    expect(tables.length).to.be.greaterThan(20);
    expect(tables.filter((t) => t.engine !== 'InnoDB' || Number(t.pk) !== 1).map((t) => t.name)).to.deep.equal([]);
  });

  it('no source file uses LOCK TABLES, GET_LOCK, XA transactions or temporary tables', async () => {
    const offenders: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (
          entry.name.endsWith('.ts') &&
          /\b(LOCK\s+TABLES|GET_LOCK\s*\(|XA\s+START|CREATE\s+TEMPORARY\s+TABLE)\b/i.test(await readFile(path, 'utf8'))
        )
          offenders.push(path);
      }
    };
    for (const dir of ['src', 'workers']) await walk(join(packageRoot(), dir));
    expect(offenders).to.deep.equal([]);
  });
});
