import { expect } from 'chai';
import { readdir } from 'node:fs/promises';
import { CreditLedgerEntry, Invoice, Payment, Service, UpgradeTransition } from '../../../src/db/entities/index.js';
import { fixedClock } from '../../../src/app/clock.js';
import { sweepStuck } from '../../../src/app/scheduler/sweeps.js';
import { emailProcessor } from '../../../workers/email.processor.js';
import { invoicePaidProcessor } from '../../../workers/invoice-paid.processor.js';
import { upgradeOrdersProcessor } from '../../../workers/upgrade-orders.processor.js';
import { startPipeline, type PipelineHarness } from '../../support/pipeline-harness.js';
import { runProcessor } from '../../support/run-processor.js';
import { create, seedCatalog, type SeededCatalog } from '../../support/seed-catalog.js';

/** Every job runs twice sometimes (DESIGN §2). These drive the real processors by hand, twice, and in parallel. */
describe('every step runs twice with one effect (MariaDB + Redis)', () => {
  let h: PipelineHarness;
  let c: SeededCatalog;
  beforeEach(async () => {
    h = await startPipeline({ queues: [] });
    c = await seedCatalog(h);
  });
  afterEach(async () => {
    await h.close();
  });

  const place = async (body: Record<string, unknown> = { productId: c.proId, actor: 'client' }) => {
    const res = await h.call('POST', `/v1/services/${c.serviceId}/upgrades`, body);
    expect(res.statusCode, res.body).to.equal(202);
    return res.json<{ upgradeId: number }>().upgradeId;
  };
  const count = (entity: Parameters<PipelineHarness['db']['ds']['getRepository']>[0], where: object = {}) =>
    h.db.ds.getRepository(entity).countBy(where);
  const waitingJobIds = async (queue: Parameters<PipelineHarness['producer']['queue']>[0]) =>
    (await h.producer.queue(queue).getJobs(['waiting', 'delayed', 'prioritized'])).map((j) => j.id).sort();

  it('upgrade-orders run twice in a row and twice at once raises one invoice and enqueues one email job', async () => {
    const upgradeId = await place();
    const processor = upgradeOrdersProcessor(h.ctx);
    await runProcessor(processor, { upgradeId });
    await runProcessor(processor, { upgradeId });
    await Promise.all([runProcessor(processor, { upgradeId }), runProcessor(processor, { upgradeId })]);
    expect(await count(Invoice)).to.equal(1);
    expect(await count(UpgradeTransition, { upgradeId, toStatus: 'invoiced' })).to.equal(1);
    expect(await waitingJobIds('email')).to.deep.equal([`email-${upgradeId}-upgrade-invoice-issued`]);
  });

  it('invoice-paid run twice (and concurrently) applies the change once', async () => {
    const upgradeId = await place();
    await runProcessor(upgradeOrdersProcessor(h.ctx), { upgradeId });
    const invoice = await h.db.ds.getRepository(Invoice).findOneByOrFail({ upgradeId });
    expect(
      (
        await h.call('POST', `/v1/invoices/${invoice.id}/payments`, {
          amount: '12.22',
          gateway: 'stripe',
          transactionId: 'tx-1',
        })
      ).statusCode,
    ).to.equal(202);
    const processor = invoicePaidProcessor(h.ctx);
    await Promise.all([
      runProcessor(processor, { invoiceId: invoice.id }),
      runProcessor(processor, { invoiceId: invoice.id }),
    ]);
    await runProcessor(processor, { invoiceId: invoice.id });
    expect(await count(UpgradeTransition, { upgradeId, toStatus: 'paid' })).to.equal(1);
    expect(await count(UpgradeTransition, { upgradeId, toStatus: 'applied' })).to.equal(1);
    const service = await h.db.ds.getRepository(Service).findOneByOrFail({ id: c.serviceId });
    expect([service.productId, service.recurringAmount]).to.deep.equal([c.proId, 2500n]);
    expect(await waitingJobIds('email')).to.deep.equal([
      `email-${upgradeId}-upgrade-completed`,
      `email-${upgradeId}-upgrade-invoice-issued`,
    ]);
  });

  it('the completion email run twice at once completes the upgrade once, and a late run changes nothing', async () => {
    const upgradeId = await place();
    await runProcessor(upgradeOrdersProcessor(h.ctx), { upgradeId });
    const invoice = await h.db.ds.getRepository(Invoice).findOneByOrFail({ upgradeId });
    await h.call('POST', `/v1/invoices/${invoice.id}/payments`, {
      amount: '12.22',
      gateway: 'stripe',
      transactionId: 'tx-2',
    });
    await runProcessor(invoicePaidProcessor(h.ctx), { invoiceId: invoice.id });
    const email = emailProcessor(h.ctx, h.notifications);
    const job = { upgradeId, template: 'upgrade-completed' as const };
    // One of the two may be told the other holds the send (a retryable error): BullMQ would run it again.
    await Promise.allSettled([runProcessor(email, job), runProcessor(email, job)]);
    expect(await runProcessor(email, job)).to.equal('already-sent');
    expect(await count(UpgradeTransition, { upgradeId, toStatus: 'completed' })).to.equal(1);
    const { status, history } = (await h.call('GET', `/v1/upgrades/${upgradeId}`)).json<{
      status: string;
      history: Array<{ status: string }>;
    }>();
    expect([status, history.map((s) => s.status)]).to.deep.equal([
      'completed',
      ['queued', 'invoiced', 'paid', 'applied', 'completed'],
    ]);
    expect((await readdir(h.outboxDir)).filter((f) => f.includes('upgrade-completed'))).to.have.length(1);
  });

  it('an email job replayed sends nothing the second time', async () => {
    const upgradeId = await place();
    await runProcessor(upgradeOrdersProcessor(h.ctx), { upgradeId });
    const email = emailProcessor(h.ctx, h.notifications);
    expect(await runProcessor(email, { upgradeId, template: 'upgrade-invoice-issued' })).to.equal('sent');
    expect(await runProcessor(email, { upgradeId, template: 'upgrade-invoice-issued' })).to.equal('already-sent');
    expect(await readdir(h.outboxDir)).to.have.length(1);
  });

  it('a crash between commit and enqueue loses nothing: the stuck sweep re-drives the order under a heal id', async () => {
    const realEnqueue = h.producer.enqueue.bind(h.producer);
    h.producer.enqueue = async () => {
      throw new Error('Redis went away right after the commit');
    };
    const res = await h.call('POST', `/v1/services/${c.serviceId}/upgrades`, { productId: c.proId, actor: 'client' });
    expect(res.statusCode, 'the order is committed, so it is accepted').to.equal(202);
    h.producer.enqueue = realEnqueue;
    const [row] = await h.db.ds.query<Array<{ id: number; status: string }>>('SELECT id, status FROM upgrades');
    expect(row.status).to.equal('queued');
    expect(await waitingJobIds('upgrade-orders')).to.deep.equal([]);
    // Three minutes later the sweep finds it.
    const later = { ...h.ctx, clock: fixedClock('2025-02-10', new Date(Date.now() + 4 * 60_000)) };
    expect(
      (await sweepStuck(later, h.producer)).healed.map((x) => [x.upgradeId, x.jobState, x.healJobId]),
    ).to.deep.equal([[row.id, 'missing', `order-${row.id}-heal-1`]]);
    expect(await waitingJobIds('upgrade-orders')).to.deep.equal([`order-${row.id}-heal-1`]);
    await runProcessor(upgradeOrdersProcessor(h.ctx), { upgradeId: row.id });
    expect(await count(Invoice)).to.equal(1);
  });

  it('two concurrent payments for one invoice: one pays it, the other becomes credit, the change applies once', async () => {
    const upgradeId = await place();
    await runProcessor(upgradeOrdersProcessor(h.ctx), { upgradeId });
    const invoice = await h.db.ds.getRepository(Invoice).findOneByOrFail({ upgradeId });
    const pay = (tx: string) =>
      h.call('POST', `/v1/invoices/${invoice.id}/payments`, { amount: '12.22', gateway: 'stripe', transactionId: tx });
    const results = await Promise.all([pay('tx-a'), pay('tx-b')]);
    expect(results.map((r) => r.statusCode)).to.deep.equal([202, 202]);
    expect(results.map((r) => r.json<{ credited: string }>().credited).sort()).to.deep.equal(['0.00', '12.22']);
    const processor = invoicePaidProcessor(h.ctx);
    await Promise.all([
      runProcessor(processor, { invoiceId: invoice.id }),
      runProcessor(processor, { invoiceId: invoice.id }),
    ]);
    expect(await count(UpgradeTransition, { upgradeId, toStatus: 'applied' })).to.equal(1);
    const ledger = await h.db.ds.getRepository(CreditLedgerEntry).findBy({ clientId: c.clientId });
    expect(ledger.map((l) => l.amount)).to.deep.equal([1222n]);
    expect(await waitingJobIds('invoice-paid')).to.deep.equal([`paid-${invoice.id}`]);
  });

  it('the same payment webhook sent twenty times at once is recorded once', async () => {
    const upgradeId = await place();
    await runProcessor(upgradeOrdersProcessor(h.ctx), { upgradeId });
    const invoice = await h.db.ds.getRepository(Invoice).findOneByOrFail({ upgradeId });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.call('POST', `/v1/invoices/${invoice.id}/payments`, {
          amount: '12.22',
          gateway: 'paypal',
          transactionId: 'PP-1',
        }),
      ),
    );
    expect(new Set(results.map((r) => r.statusCode))).to.deep.equal(new Set([202]));
    expect(results.filter((r) => r.json<{ duplicate: boolean }>().duplicate === false)).to.have.length(1);
    expect(await count(Payment)).to.equal(1);
    expect((await h.db.ds.getRepository(Invoice).findOneByOrFail({ id: invoice.id })).amountPaid).to.equal(1222n);
    expect(await count(CreditLedgerEntry)).to.equal(0);
  });

  it('a repeated callback is answered as the repeat even when it no longer passes the checks; another invoice is 409', async () => {
    const upgradeId = await place();
    await runProcessor(upgradeOrdersProcessor(h.ctx), { upgradeId });
    const invoice = await h.db.ds.getRepository(Invoice).findOneByOrFail({ upgradeId });
    const pay = (invoiceId: number, body: Record<string, unknown>) =>
      h.call('POST', `/v1/invoices/${invoiceId}/payments`, { gateway: 'paypal', transactionId: 'PP-7', ...body });
    const first = await pay(invoice.id, { amount: '12.22' });
    expect(first.json()).to.deep.include({ duplicate: false, invoiceStatus: 'paid', amountPaid: '12.22' });
    // The gateway resends with its own rounding and currency: the payment is already recorded, nothing changes.
    const again = await pay(invoice.id, { amount: '12.221', currency: 'EUR' });
    expect(again.statusCode, again.body).to.equal(202);
    expect(again.json()).to.deep.include({
      duplicate: true,
      paymentId: first.json<{ paymentId: number }>().paymentId,
      outcome: 'invoice_paid',
      amountPaid: '12.22',
    });
    // The same transaction id reported for another invoice is refused, naming where it is recorded.
    const { id: paidId, ...copy } = invoice;
    const inserted = await h.db.ds
      .getRepository(Invoice)
      .insert({ ...copy, status: 'unpaid', amountPaid: 0n, paidAt: null, upgradeId: null });
    const otherId = Number(inserted.identifiers[0].id);
    expect(otherId).to.not.equal(paidId);
    const elsewhere = await pay(otherId, { amount: '1.00' });
    expect(elsewhere.statusCode).to.equal(409);
    expect(elsewhere.json()).to.deep.include({
      error: {
        code: 'duplicate_transaction',
        message: `transactionId: paypal transaction PP-7 is already recorded on invoice ${invoice.id}`,
      },
    });
    expect(await count(Payment)).to.equal(1);
    expect((await h.db.ds.getRepository(Invoice).findOneByOrFail({ id: otherId })).amountPaid).to.equal(0n);
  });

  it('a part payment leaves the invoice unpaid; the rest pays it', async () => {
    const upgradeId = await place();
    await runProcessor(upgradeOrdersProcessor(h.ctx), { upgradeId });
    const invoice = await h.db.ds.getRepository(Invoice).findOneByOrFail({ upgradeId });
    const first = await h.call('POST', `/v1/invoices/${invoice.id}/payments`, {
      amount: '5',
      gateway: 'bank',
      transactionId: 'b-1',
    });
    expect(first.json()).to.deep.include({ invoiceStatus: 'unpaid', amountPaid: '5.00' });
    expect(await waitingJobIds('invoice-paid')).to.deep.equal([]);
    const second = await h.call('POST', `/v1/invoices/${invoice.id}/payments`, {
      amount: '7.22',
      gateway: 'bank',
      transactionId: 'b-2',
    });
    expect(second.json()).to.deep.include({ invoiceStatus: 'paid', amountPaid: '12.22', credited: '0.00' });
    expect(await waitingJobIds('invoice-paid')).to.deep.equal([`paid-${invoice.id}`]);
    const tooPrecise = await h.call('POST', `/v1/invoices/${invoice.id}/payments`, {
      amount: '1.005',
      gateway: 'bank',
      transactionId: 'b-3',
    });
    expect(tooPrecise.statusCode).to.equal(400);
    expect(await count(Payment)).to.equal(2);
  });

  it('a promotion at its use limit is counted once and refuses the next order', async () => {
    await create(h, '/v1/promotions', { code: 'ONCE', type: 'percent', value: '10', maxUses: 1 });
    const second = await create(h, '/v1/services', {
      clientId: c.clientId,
      productId: c.starterId,
      domain: 'b.example.test',
      username: 'bee',
      billingCycle: 'monthly',
      nextDueDate: '2025-03-01',
    });
    const a = await place({ productId: c.proId, promoCode: 'ONCE', actor: 'client' });
    const bRes = await h.call('POST', `/v1/services/${second.id}/upgrades`, {
      productId: c.proId,
      promoCode: 'ONCE',
      actor: 'client',
    });
    expect(bRes.statusCode).to.equal(202); // both placed before either was processed
    const b = bRes.json<{ upgradeId: number }>().upgradeId;
    const processor = upgradeOrdersProcessor(h.ctx);
    await runProcessor(processor, { upgradeId: a });
    await runProcessor(processor, { upgradeId: a });
    await runProcessor(processor, { upgradeId: b });
    const [ua, ub] = await Promise.all(
      [a, b].map(async (id) =>
        (await h.call('GET', `/v1/upgrades/${id}`)).json<{
          status: string;
          reason: string | null;
          quote: { discount: string };
        }>(),
      ),
    );
    expect([ua.status, ua.quote.discount]).to.deep.equal(['invoiced', '1.02']);
    expect(ub.status).to.equal('rejected');
    expect(ub.reason).to.match(/promotion_invalid: .*limit of 1/);
    const [promo] = await h.db.ds.query<Array<{ uses: number }>>("SELECT uses FROM promotions WHERE code = 'ONCE'");
    expect(promo.uses).to.equal(1);
    const third = await h.call('POST', `/v1/services/${second.id}/upgrades`, {
      productId: c.proId,
      promoCode: 'ONCE',
      actor: 'client',
    });
    expect(third.statusCode).to.equal(422);
    expect(third.json()).to.deep.include({
      error: {
        code: 'promotion_invalid',
        message: "promoCode: promotion 'ONCE' has reached its limit of 1 uses",
        details: [{ field: 'promoCode', message: "promotion 'ONCE' has reached its limit of 1 uses" }],
      },
    });
  });
});
