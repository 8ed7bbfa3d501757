import { expect } from 'chai';
import { migrations } from '../../../src/db/migrations/index.js';
import { createEmptyDatabase, type TestDatabase } from '../../support/test-database.js';

describe('migrations (MariaDB)', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createEmptyDatabase('mig');
  });
  after(async () => {
    await db.drop();
  });

  const tables = async () =>
    (
      await db.ds.query<Array<{ t: string }>>(
        'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1',
      )
    ).map((r) => r.t);

  it('apply to an empty database and match the entities exactly', async () => {
    expect(await tables()).to.deep.equal([]);
    const ran = await db.ds.runMigrations({ transaction: 'each' });
    expect(ran.map((m) => m.name)).to.deep.equal(migrations.map((m) => new m().name));
    expect(await tables()).to.include.members([
      'clients',
      'credit_ledger',
      'upgrades',
      'invoices',
      'payments',
      'email_log',
      'idempotency_keys',
      'panel_servers',
      'services',
    ]);
    // Every entity's table has exactly the entity's columns. (TypeORM's schema diff is not used: on MariaDB it
    // reports JSON and nullable columns as changed even when they match.)
    const rows = await db.ds.query<Array<{ t: string; c: string }>>(
      'SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE()',
    );
    for (const meta of db.ds.entityMetadatas) {
      const inDb = rows
        .filter((r) => r.t === meta.tableName)
        .map((r) => r.c)
        .sort();
      expect(inDb, meta.tableName).to.deep.equal(meta.columns.map((c) => c.databaseName).sort());
    }
  });

  it('are idempotent: a second run applies nothing', async () => {
    expect(await db.ds.runMigrations()).to.deep.equal([]);
  });

  it('revert cleanly to an empty schema and apply again', async () => {
    for (let i = 0; i < migrations.length; i++) await db.ds.undoLastMigration({ transaction: 'each' });
    expect((await tables()).filter((t) => !['migrations'].includes(t))).to.deep.equal([]);
    await db.ds.runMigrations();
    expect(await tables()).to.include('upgrades');
  });
});
