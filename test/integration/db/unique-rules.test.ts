import { expect } from 'chai';
import { CreditLedgerEntry, EmailLog, IdempotencyKey, Payment } from '../../../src/db/entities/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

/** MariaDB's duplicate-key error, as TypeORM surfaces it. */
async function expectDuplicate(work: Promise<unknown>): Promise<void> {
  let error: unknown;
  try {
    await work;
  } catch (err) {
    error = err;
  }
  expect(error, 'expected a duplicate-key error').to.be.instanceOf(Error);
  expect((error as { driverError?: { code?: string } }).driverError?.code).to.equal('ER_DUP_ENTRY');
}

describe('unique rules that keep money and mail moving once (MariaDB)', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase('uniq');
  });
  after(async () => {
    await db.drop();
  });

  it('refuses a second payment with the same gateway and transaction id, and keeps one row', async () => {
    const repo = db.ds.getRepository(Payment);
    const row = () => ({
      invoiceId: 1,
      gateway: 'stripe',
      transactionId: 'ch_123',
      amount: 1099n,
      currency: 'USD',
      paidAt: new Date(),
    });
    await repo.insert(row());
    await expectDuplicate(repo.insert({ ...row(), amount: 1n }));
    await repo.insert({ ...row(), gateway: 'paypal' }); // same id at another gateway is another payment
    const stored = await repo.find({ where: { transactionId: 'ch_123' }, order: { id: 'ASC' } });
    expect(stored.map((p) => [p.gateway, p.amount])).to.deep.equal([
      ['stripe', 1099n],
      ['paypal', 1099n],
    ]);
  });

  it('refuses a second ledger row with the same reference', async () => {
    const repo = db.ds.getRepository(CreditLedgerEntry);
    const row = () => ({
      clientId: 1,
      amount: 679n,
      currency: 'USD',
      reference: 'downgrade-credit-42',
      description: 'Downgrade credit',
    });
    await repo.insert(row());
    await expectDuplicate(repo.insert(row()));
    const [row2] = await db.ds.query<Array<{ balance: string; n: string | number }>>(
      'SELECT SUM(amount) AS balance, COUNT(*) AS n FROM credit_ledger WHERE clientId = 1',
    );
    expect([row2.balance, Number(row2.n)]).to.deep.equal(['679', 1]);
  });

  it('refuses a second email with the same key', async () => {
    const repo = db.ds.getRepository(EmailLog);
    const row = () => ({
      key: 'upgrade-42-completed',
      recipient: 'a@example.test',
      template: 'upgrade-completed',
      upgradeId: 42,
      status: 'sending' as const,
    });
    await repo.insert(row());
    await expectDuplicate(repo.insert(row()));
    expect(await repo.count()).to.equal(1);
  });

  it('refuses a second idempotency key in the same scope, allows it in another', async () => {
    const repo = db.ds.getRepository(IdempotencyKey);
    const row = () => ({ scope: 'tok1:POST /v1/services/:id/upgrades', key: 'k-1', requestHash: 'a'.repeat(64) });
    await repo.insert(row());
    await expectDuplicate(repo.insert({ ...row(), requestHash: 'b'.repeat(64) }));
    await repo.insert({ ...row(), scope: 'tok2:POST /v1/services/:id/upgrades' });
    expect(await repo.count()).to.equal(2);
  });

  it('round-trips money as bigint and dates as YYYY-MM-DD strings', async () => {
    const repo = db.ds.getRepository(CreditLedgerEntry);
    await repo.insert({
      clientId: 2,
      amount: 9007199254740993n,
      currency: 'USD',
      reference: 'big',
      description: 'beyond 2^53',
    });
    const row = await repo.findOneByOrFail({ reference: 'big' });
    expect(row.amount).to.equal(9007199254740993n);
    const [d] = await db.ds.query<Array<{ d: unknown }>>("SELECT CAST('2025-02-28' AS DATE) AS d");
    expect(d.d).to.equal('2025-02-28');
  });
});
