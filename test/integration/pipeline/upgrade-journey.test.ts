import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreditLedgerEntry, Service } from '../../../src/db/entities/index.js';
import { startPipeline, type PipelineHarness } from '../../support/pipeline-harness.js';
import { seedCatalog, type SeededCatalog } from '../../support/seed-catalog.js';

describe('upgrade journey through the HTTP API (MariaDB + Redis + workers, product without a panel)', () => {
  let h: PipelineHarness;
  let c: SeededCatalog;
  before(async () => {
    h = await startPipeline({ today: '2025-02-10' });
    c = await seedCatalog(h);
  });
  after(async () => {
    await h.close();
  });

  it('previews Starter → Pro on 2025-02-10 with the §3 numbers: 19 of 28 days, 20% VAT', async () => {
    const res = await h.call('POST', `/v1/services/${c.serviceId}/quote`, { productId: c.proId });
    expect(res.statusCode, res.body).to.equal(200);
    expect(res.json()).to.deep.include({
      direction: 'upgrade',
      timing: 'on-payment',
      days: 19,
      totalDays: 28,
      newTotalDays: 28,
      credit: '6.79',
      debit: '16.96',
      subtotal: '10.18',
      discount: '0.00',
      total: '12.22',
      newRecurringAmount: '25.00',
      newBillingCycle: 'monthly',
      newNextDueDate: '2025-03-01',
      invoiceRequired: true,
    });
  });

  it('walks queued → invoiced → paid → applied → completed, with the invoice equal to the preview', async () => {
    const placed = await h.call('POST', `/v1/services/${c.serviceId}/upgrades`, {
      productId: c.proId,
      actor: 'client',
    });
    expect(placed.statusCode, placed.body).to.equal(202);
    const { upgradeId, status } = placed.json<{ upgradeId: number; status: string }>();
    expect(status).to.equal('queued');

    const invoiced = await h.waitForStatus(upgradeId, 'invoiced');
    const invoice = (await h.call('GET', `/v1/invoices/${invoiced.invoiceId}`)).json<
      Record<string, unknown> & { lines: Array<{ kind: string; amount: string }> }
    >();
    expect(invoice).to.deep.include({
      status: 'unpaid',
      total: '12.22',
      amountPaid: '0.00',
      currency: 'USD',
      subtotal: '10.18',
      tax: '2.04',
    });
    expect(invoice.lines.map((l) => [l.kind, l.amount])).to.deep.equal([
      ['item', '10.17'],
      ['item', '0.01'],
      ['tax', '2.04'],
    ]);

    const paid = await h.call('POST', `/v1/invoices/${invoiced.invoiceId}/payments`, {
      amount: '12.22',
      gateway: 'stripe',
      transactionId: 'ch_journey_1',
    });
    expect(paid.statusCode, paid.body).to.equal(202);
    expect(paid.json()).to.deep.include({
      invoiceStatus: 'paid',
      amountPaid: '12.22',
      credited: '0.00',
      duplicate: false,
    });

    await h.waitForStatus(upgradeId, 'completed');
    const upgrade = (await h.call('GET', `/v1/upgrades/${upgradeId}`)).json<{
      history: Array<{ status: string }>;
      invoiceId: number;
    }>();
    expect(upgrade.history.map((s) => s.status)).to.deep.equal(['queued', 'invoiced', 'paid', 'applied', 'completed']);

    const service = (await h.call('GET', `/v1/services/${c.serviceId}`)).json();
    expect(service).to.deep.include({
      productId: c.proId,
      billingCycle: 'monthly',
      nextDueDate: '2025-03-01',
      recurringAmount: '25.00',
    });

    const files = await readdir(h.outboxDir);
    const mails = await Promise.all(files.map((f) => readFile(join(h.outboxDir, f), 'utf8')));
    const completed = mails.filter((m) => /Subject:.*(upgrade|changed)/i.test(m) && m.includes('25.00'));
    expect(files.length).to.equal(2); // invoice issued + upgrade completed
    expect(completed.join('\n')).to.contain('jane@example.test');
  });

  it('a downgrade credits the ledger and completes without an invoice', async () => {
    const placed = await h.call('POST', `/v1/services/${c.serviceId}/upgrades`, {
      productId: c.starterId,
      actor: 'staff',
    });
    expect(placed.statusCode, placed.body).to.equal(202);
    const { upgradeId } = placed.json<{ upgradeId: number }>();
    const done = await h.waitForStatus(upgradeId, 'completed');
    expect(done.invoiceId).to.equal(null);
    // Pro 25.00 → Starter 10.00 with 19 of 28 days left: credit 16.96, debit 6.79, net −10.18 to the account.
    expect(done.quote).to.deep.include({
      direction: 'downgrade',
      timing: 'immediate',
      total: '-10.18',
      creditToAccount: '10.18',
    });
    const ledger = await h.db.ds.getRepository(CreditLedgerEntry).findBy({ clientId: c.clientId });
    expect(ledger.map((e) => [e.reference, e.amount])).to.deep.equal([[`downgrade-credit-${upgradeId}`, 1018n]]);
    const client = (await h.call('GET', `/v1/clients/${c.clientId}`)).json();
    expect(client).to.deep.include({ creditBalance: '10.18' });
    const service = await h.db.ds.getRepository(Service).findOneByOrFail({ id: c.serviceId });
    expect([service.productId, service.recurringAmount]).to.deep.equal([c.starterId, 1000n]);
  });
});
