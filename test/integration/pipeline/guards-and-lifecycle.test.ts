import { expect } from 'chai';
import { Service, Upgrade } from '../../../src/db/entities/index.js';
import { fixedClock } from '../../../src/app/clock.js';
import { applyDueDowngrades, expireUnpaidOrders } from '../../../src/app/scheduler/sweeps.js';
import { invoicePaidProcessor } from '../../../workers/invoice-paid.processor.js';
import { upgradeOrdersProcessor } from '../../../workers/upgrade-orders.processor.js';
import { startPipeline, type PipelineHarness } from '../../support/pipeline-harness.js';
import { runProcessor } from '../../support/run-processor.js';
import { create, seedCatalog, type SeededCatalog } from '../../support/seed-catalog.js';

type UpgradeBody = {
  status: string;
  reason: string | null;
  invoiceId: number | null;
  effectiveDate: string | null;
  history: Array<{ status: string }>;
};

describe('guards, cancellation, expiry and end-of-term downgrades (MariaDB + Redis)', () => {
  let h: PipelineHarness;
  let c: SeededCatalog;
  const setup = async (policy: Parameters<typeof startPipeline>[0] = {}) => {
    h = await startPipeline({ queues: [], ...policy });
    c = await seedCatalog(h);
  };
  afterEach(async () => {
    await h.close();
  });

  const place = (body: Record<string, unknown>, serviceId = c.serviceId) =>
    h.call('POST', `/v1/services/${serviceId}/upgrades`, body);
  const placed = async (body: Record<string, unknown>) => {
    const res = await place(body);
    expect(res.statusCode, res.body).to.equal(202);
    return res.json<{ upgradeId: number }>().upgradeId;
  };
  const upgrade = async (id: number) => (await h.call('GET', `/v1/upgrades/${id}`)).json<UpgradeBody>();
  const process = (upgradeId: number) => runProcessor(upgradeOrdersProcessor(h.ctx), { upgradeId });

  describe('at quote and order time', () => {
    beforeEach(() => setup());

    it('refuses a second open upgrade with 409 upgrade_open', async () => {
      await placed({ productId: c.proId, actor: 'client' });
      const second = await place({ productId: c.proId, billingCycle: 'annually', actor: 'staff' });
      expect(second.statusCode).to.equal(409);
      expect(second.json<{ error: { code: string } }>().error.code).to.equal('upgrade_open');
    });

    it('refuses while the front-end reports an unpaid renewal invoice (409 renewal_unpaid), and again once it is paid', async () => {
      const flagged = await h.call('PATCH', `/v1/services/${c.serviceId}`, { unpaidRenewal: true });
      expect(flagged.statusCode, flagged.body).to.equal(200);
      expect(flagged.json()).to.deep.include({ unpaidRenewal: true });
      for (const res of [
        await h.call('POST', `/v1/services/${c.serviceId}/quote`, { productId: c.proId }),
        await place({ productId: c.proId, actor: 'client' }),
      ]) {
        expect(res.statusCode).to.equal(409);
        expect(res.json<{ error: { code: string } }>().error.code).to.equal('renewal_unpaid');
      }
      expect(await h.db.ds.getRepository(Upgrade).countBy({ serviceId: c.serviceId })).to.equal(0);
      await h.call('PATCH', `/v1/services/${c.serviceId}`, { unpaidRenewal: false });
      expect((await h.call('POST', `/v1/services/${c.serviceId}/quote`, { productId: c.proId })).statusCode).to.equal(
        200,
      );
    });

    it('lets a client pick only the upgrade targets; staff may pick any product', async () => {
      const other = await create(h, '/v1/products', { name: 'Reseller', pricing: { USD: { monthly: '60.00' } } });
      const asClient = await place({ productId: other.id, actor: 'client' });
      expect(asClient.statusCode).to.equal(422);
      expect(asClient.json()).to.deep.include({
        error: {
          code: 'target_not_allowed',
          message: `productId: Starter cannot be changed to product ${other.id} by the client`,
          details: [{ field: 'productId', message: 'not an allowed upgrade target' }],
        },
      });
      expect((await place({ productId: other.id, actor: 'staff' })).statusCode).to.equal(202);
    });

    it('checks quantities against the option min/max, naming the field (422 invalid_quantity)', async () => {
      const res = await place({
        productId: c.proId,
        options: [{ optionId: c.diskOptionId, qty: 101 }],
        actor: 'client',
      });
      expect(res.statusCode).to.equal(422);
      const body = res.json<{ error: { code: string; details: Array<{ field: string }> } }>();
      expect(body.error.code).to.equal('invalid_quantity');
      expect(body.error.details[0].field).to.match(/options\[0\]\.qty/);
    });

    it('refuses a suspended service (409 service_not_active) and stores nothing', async () => {
      await h.db.ds.getRepository(Service).update({ id: c.serviceId }, { status: 'suspended' });
      const res = await place({ productId: c.proId, actor: 'client' });
      expect(res.statusCode).to.equal(409);
      expect(await h.db.ds.query('SELECT COUNT(*) AS n FROM upgrades')).to.deep.equal([{ n: '0' }]);
    });

    it('rejects at processing time, with the reason, a guard that failed after the order was placed', async () => {
      const id = await placed({ productId: c.proId, actor: 'client' });
      await h.db.ds.getRepository(Service).update({ id: c.serviceId }, { status: 'suspended' });
      await process(id);
      const u = await upgrade(id);
      expect(u.status).to.equal('rejected');
      expect(u.reason).to.match(/^service_not_active: service \d+ is suspended/);
      expect(u.invoiceId).to.equal(null);
    });

    it('rejects a paid upgrade whose service was suspended before it could be applied, crediting the payment', async () => {
      const id = await placed({ productId: c.proId, actor: 'client' });
      await process(id);
      const { invoiceId } = await upgrade(id);
      const invoice = (await h.call('GET', `/v1/invoices/${invoiceId}`)).json<{ total: string; clientId: number }>();
      const paid = await h.call('POST', `/v1/invoices/${invoiceId}/payments`, {
        amount: invoice.total,
        gateway: 'stripe',
        transactionId: 'ch_suspended',
      });
      expect(paid.statusCode, paid.body).to.equal(202);
      await h.db.ds.getRepository(Service).update({ id: c.serviceId }, { status: 'suspended' });
      await runProcessor(invoicePaidProcessor(h.ctx), { invoiceId: invoiceId! });
      const u = await upgrade(id);
      expect(u.status).to.equal('rejected');
      expect(u.history.map((s) => s.status)).to.deep.equal(['queued', 'invoiced', 'paid', 'rejected']);
      expect(u.reason).to.match(/^service_not_active: service \d+ became suspended/);
      expect(
        await h.db.ds.query('SELECT CAST(amount AS CHAR) AS amount FROM credit_ledger WHERE reference = ?', [
          `refund-upgrade-${id}`,
        ]),
      ).to.deep.equal([{ amount: invoice.total.replace('.', '').replace(/^0+/, '') }]);
      const client = (await h.call('GET', `/v1/clients/${invoice.clientId}`)).json<{ creditBalance: string }>();
      expect(client.creditBalance).to.equal(invoice.total);
      // Nothing of the change reached the service, and its slot is free for a new order.
      expect((await h.db.ds.getRepository(Service).findOneByOrFail({ id: c.serviceId })).productId).to.equal(
        c.starterId,
      );
      await h.db.ds.getRepository(Service).update({ id: c.serviceId }, { status: 'active' });
      expect((await place({ productId: c.proId, actor: 'client' })).statusCode).to.equal(202);
    });

    it('cancels an invoiced upgrade with its invoice; a second cancel is 409', async () => {
      const id = await placed({ productId: c.proId, actor: 'client' });
      await process(id);
      const { invoiceId } = await upgrade(id);
      const res = await h.call('POST', `/v1/upgrades/${id}/cancel`, { reason: 'client changed their mind' });
      expect(res.statusCode, res.body).to.equal(200);
      expect(res.json()).to.deep.include({ status: 'cancelled', reason: 'client changed their mind' });
      expect((await h.call('GET', `/v1/invoices/${invoiceId}`)).json<{ status: string }>().status).to.equal(
        'cancelled',
      );
      expect((await h.call('POST', `/v1/upgrades/${id}/cancel`, {})).statusCode).to.equal(409);
      // The slot is free again.
      expect((await place({ productId: c.proId, actor: 'client' })).statusCode).to.equal(202);
    });

    it('expires an unpaid order at the next due date, cancelling its invoice', async () => {
      const id = await placed({ productId: c.proId, actor: 'client' });
      await process(id);
      expect(await expireUnpaidOrders(h.ctx)).to.deep.equal([]); // 2025-02-10: not yet
      const dueDay = { ...h.ctx, clock: fixedClock('2025-03-01') };
      expect(await expireUnpaidOrders(dueDay)).to.deep.equal([id]);
      const u = await upgrade(id);
      expect(u.status).to.equal('cancelled');
      expect(u.reason).to.match(/^expired/);
      expect((await h.call('GET', `/v1/invoices/${u.invoiceId}`)).json<{ status: string }>().status).to.equal(
        'cancelled',
      );
    });
  });

  describe('policies', () => {
    it('replace: a new order cancels the open one atomically', async () => {
      await setup({ policy: { concurrentUpgrades: 'replace' } });
      const first = await placed({ productId: c.proId, actor: 'client' });
      await process(first);
      const second = await placed({ productId: c.proId, billingCycle: 'annually', actor: 'staff' });
      const u1 = await upgrade(first);
      expect([u1.status, u1.reason]).to.deep.equal(['cancelled', 'replaced by a new upgrade order']);
      expect((await h.call('GET', `/v1/invoices/${u1.invoiceId}`)).json<{ status: string }>().status).to.equal(
        'cancelled',
      );
      expect((await upgrade(second)).status).to.equal('queued');
    });

    it('end-of-term: a downgrade waits in scheduled and applies on its date', async () => {
      await setup({ policy: { downgradeTiming: 'end-of-term' } });
      await h.db.ds.getRepository(Service).update({ id: c.serviceId }, { productId: c.proId, recurringAmount: 2500n });
      const id = await placed({ productId: c.starterId, actor: 'staff' });
      await process(id);
      const scheduled = await upgrade(id);
      expect([scheduled.status, scheduled.effectiveDate, scheduled.invoiceId]).to.deep.equal([
        'scheduled',
        '2025-03-01',
        null,
      ]);
      expect(await applyDueDowngrades({ ...h.ctx, clock: fixedClock('2025-02-28') })).to.deep.equal([]);
      expect(await applyDueDowngrades({ ...h.ctx, clock: fixedClock('2025-03-01') })).to.deep.equal([id]);
      expect(await applyDueDowngrades({ ...h.ctx, clock: fixedClock('2025-03-01') })).to.deep.equal([]);
      const service = await h.db.ds.getRepository(Service).findOneByOrFail({ id: c.serviceId });
      expect([service.productId, service.recurringAmount, service.nextDueDate]).to.deep.equal([
        c.starterId,
        1000n,
        '2025-03-01',
      ]);
      expect((await upgrade(id)).history.map((s) => s.status)).to.deep.equal(['queued', 'scheduled', 'applied']);
      const jobs = (await h.producer.queue('email').getJobs(['waiting'])).map((j) => j.id).sort();
      expect(jobs).to.deep.equal([`email-${id}-downgrade-scheduled`, `email-${id}-upgrade-completed`]);
    });
  });
});
