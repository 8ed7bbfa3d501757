import { expect } from 'chai';
import { Client, Service, Upgrade, UpgradeTransition } from '../../../src/db/entities/index.js';
import { lockForUpdate } from '../../../src/db/lock-for-update.js';
import { joinedRead } from '../../../src/db/joined-read.js';
import { readRow } from '../../../src/db/row-reader.js';
import { insertRows, updateRows } from '../../../src/db/row-writer.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

// The hot path reads and writes rows with cached plain SQL instead of TypeORM's query builder (issue #14). What it
// reads must be exactly what TypeORM's findOneBy gives — money as bigint, JSON parsed, DATE as a string, booleans,
// instants — and what it writes exactly what TypeORM would have written.
describe('plain-SQL row access, against TypeORM on MariaDB', () => {
  let db: TestDatabase;
  let clientId: number;
  let serviceId: number;
  before(async () => {
    db = await createTestDatabase('rows');
    const client = await db.ds.getRepository(Client).insert({
      email: 'ana@example.test',
      name: 'Ana',
      currency: 'EUR',
      taxRates: [{ name: 'VAT', rate: '21.00' }],
      taxInclusive: true,
    });
    clientId = Number(client.identifiers[0].id);
    const service = await db.ds.getRepository(Service).insert({
      clientId,
      productId: 7,
      serverId: null,
      domain: 'ana.example',
      username: 'ana',
      billingCycle: 'monthly',
      nextDueDate: '2025-03-01',
      anchorDay: 1,
      recurringAmount: 9_007_199_254_740_993n, // beyond a double's integers: must not pass through a float
      currency: 'EUR',
      unpaidRenewal: true,
    });
    serviceId = Number(service.identifiers[0].id);
  });
  after(async () => {
    await db.drop();
  });

  it('reads a row exactly as findOneBy does, locked or not, and null for no row', async () => {
    const orm = await db.ds.getRepository(Service).findOneByOrFail({ id: serviceId });
    const plain = await readRow(db.ds.manager, Service, { id: serviceId });
    expect(plain).to.deep.equal(orm);
    expect(plain).to.be.instanceOf(Service);
    expect(plain!.recurringAmount).to.equal(9_007_199_254_740_993n);
    expect([plain!.nextDueDate, plain!.unpaidRenewal, plain!.serverId]).to.deep.equal(['2025-03-01', true, null]);
    const locked = await db.ds.transaction((em) => lockForUpdate(em, Service, { id: serviceId }));
    expect(locked).to.deep.equal(orm);
    expect(await readRow(db.ds.manager, Service, { id: serviceId + 1000 })).to.equal(null);
  });

  it('inserts rows that TypeORM reads back unchanged, and returns the first new id', async () => {
    const values = {
      serviceId,
      clientId,
      status: 'queued' as const,
      fromProductId: 7,
      fromBillingCycle: 'monthly',
      actor: 'client' as const,
      reason: null,
      asOf: '2025-02-10',
      request: { productId: 8, options: [{ optionId: 3, qty: 2 }] },
      quote: null,
      invoiceId: null,
      promotionId: null,
      effectiveDate: null,
      currency: 'EUR',
      total: 1234n,
      provisioningResult: null,
      accountCredit: null,
      statusChangedAt: new Date('2025-02-10T10:00:00.123Z'),
      createdAt: new Date('2025-02-10T10:00:00.123Z'),
    };
    const { insertId } = await insertRows(db.ds.manager, Upgrade, [values]);
    const stored = await db.ds.getRepository(Upgrade).findOneByOrFail({ id: insertId });
    expect({ ...stored, updatedAt: undefined }).to.deep.equal({ ...values, id: insertId, updatedAt: undefined });

    const at = new Date('2025-02-10T10:00:01.000Z');
    const rows: Array<Partial<UpgradeTransition>> = [
      { upgradeId: insertId, fromStatus: null, toStatus: 'queued', actor: 'client', note: null, at },
      { upgradeId: insertId, fromStatus: 'queued', toStatus: 'invoiced', actor: 'worker', note: 'x', at },
    ];
    const two = await insertRows(db.ds.manager, UpgradeTransition, rows);
    expect(two.affectedRows).to.equal(2);
    const history = await db.ds.getRepository(UpgradeTransition).find({ where: { upgradeId: insertId } });
    expect(history.map((h) => [h.id, h.fromStatus, h.toStatus, h.note])).to.deep.equal([
      [two.insertId, null, 'queued', null],
      [two.insertId + 1, 'queued', 'invoiced', 'x'],
    ]);
  });

  it('updates only when the expected state still holds (the conditional update a transition is)', async () => {
    const [{ id }] = await db.ds.query<Array<{ id: number }>>('SELECT id FROM upgrades LIMIT 1');
    const quote = { total: '12.34', lines: [] };
    expect(
      await updateRows(db.ds.manager, Upgrade, { status: 'invoiced', quote } as never, { id, status: 'queued' }),
    ).to.equal(1);
    expect(await updateRows(db.ds.manager, Upgrade, { status: 'paid' }, { id, status: 'queued' })).to.equal(0);
    const row = await db.ds.getRepository(Upgrade).findOneByOrFail({ id });
    expect([row.status, row.quote]).to.deep.equal(['invoiced', quote]);
  });

  it('hydrates the tables of a join from one row, and a missing left-joined row as null', async () => {
    const read = joinedRead(
      { service: Service, client: Client },
      'FROM services service LEFT JOIN clients client ON client.id = service.clientId + ? WHERE service.id = ?',
    );
    const joined = await read(db.ds.manager, [0, serviceId]);
    expect(joined!.service).to.deep.equal(await db.ds.getRepository(Service).findOneByOrFail({ id: serviceId }));
    expect(joined!.client).to.deep.equal(await db.ds.getRepository(Client).findOneByOrFail({ id: clientId }));
    expect((await read(db.ds.manager, [1000, serviceId]))!.client).to.equal(null);
    expect(await read(db.ds.manager, [0, serviceId + 1000])).to.equal(null);
  });

  it('a locking joined read holds every row it read until its transaction ends', async () => {
    const lock = joinedRead(
      { service: Service, client: Client },
      'FROM services service JOIN clients client ON client.id = service.clientId WHERE service.id = ?',
      { lock: true },
    );
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = db.ds.transaction(async (em) => {
      expect((await lock(em, [serviceId]))!.client!.id).to.equal(clientId);
      locked();
      await held;
    });
    await isLocked;
    // Both tables' rows are locked: another transaction waits for either (1 s here) and gives up.
    for (const [entity, id] of [
      [Service, serviceId],
      [Client, clientId],
    ] as const) {
      const waited = await db.ds
        .transaction(async (em) => {
          await em.query('SET SESSION innodb_lock_wait_timeout = 1');
          return lockForUpdate(em, entity, { id });
        })
        .then(
          () => 'got it',
          (err: Error) => err.message,
        );
      expect(waited).to.match(/Lock wait timeout/);
    }
    release();
    await holder;
  });
});
