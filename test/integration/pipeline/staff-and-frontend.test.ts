import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { PanelCall, WebhookDelivery } from '../../../src/db/entities/index.js';
import { startFakePanels, type FakePanels } from '../../../src/panels/fakes/index.js';
import { Webhook } from 'standardwebhooks';
import { verifyWebhookSignature } from '../../../src/webhooks/index.js';
import { startPipeline, type PipelineHarness } from '../../support/pipeline-harness.js';
import { createPanelServer, seedCatalog, type SeededCatalog } from '../../support/seed-catalog.js';

const SECRET = 'whsec-test-0123456789abcdef';

describe('staff actions, concurrent orders and front-end webhooks (fake WHM, MariaDB, Redis, workers)', () => {
  let panels: FakePanels;
  let receiver: Server;
  let received: Array<{
    event: string;
    body: { type: string; data: { upgradeId: number; status: string; invoiceId: number | null } };
    valid: boolean;
    standard: boolean;
  }>;
  let h: PipelineHarness;
  let c: SeededCatalog;
  before(async () => {
    panels = await startFakePanels();
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (d) => {
        raw += String(d);
      });
      req.on('end', () => {
        const valid = verifyWebhookSignature(SECRET, String(req.headers['upshift-signature']), raw);
        // What a front-end with a Standard Webhooks library does: whsec_ + base64 of the (pre-whsec) secret.
        let standard = true;
        try {
          new Webhook(`whsec_${Buffer.from(SECRET).toString('base64')}`).verify(
            raw,
            req.headers as Record<string, string>,
          );
        } catch {
          standard = false;
        }
        received.push({ event: String(req.headers['upshift-event']), body: JSON.parse(raw), valid, standard });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  });
  after(async () => {
    await panels.close();
    await new Promise((r) => receiver.close(r));
  });
  beforeEach(async () => {
    received = [];
    const port = (receiver.address() as { port: number }).port;
    h = await startPipeline({ config: { webhookUrls: [`http://127.0.0.1:${port}/upshift`], webhookSecret: SECRET } });
    panels.cpanel.accounts.set('bob', { ...panels.cpanel.accounts.get('bob')!, plan: 'starter' });
    const serverId = await createPanelServer(h, panels.cpanel);
    c = await seedCatalog(h, { username: 'bob', module: { serverId, type: 'cpanel', starter: 'starter', pro: 'pro' } });
  });
  afterEach(async () => {
    await h.close();
  });

  it('PATCH /v1/services/:id changes the product by hand, recalculates the amount and runs ChangePackage', async () => {
    const res = await h.call('PATCH', `/v1/services/${c.serviceId}`, {
      productId: c.proId,
      options: [{ optionId: c.diskOptionId, qty: 2 }],
      recalculate: true,
      changePackage: true,
    });
    expect(res.statusCode, res.body).to.equal(200);
    const body = res.json<{ productId: number; recurringAmount: string; changePackageJobId: string }>();
    expect(body).to.deep.include({ productId: c.proId, recurringAmount: '33.00' }); // 25.00 + 2 × 4.00, no invoice
    await h.drain(['provisioning']);
    expect(panels.cpanel.accounts.get('bob')!.plan).to.equal('pro');
    const calls = await h.db.ds.getRepository(PanelCall).findBy({ serviceId: c.serviceId });
    expect(calls.filter((x) => x.action === 'changepackage')).to.have.length(1);
    expect(await h.db.ds.query('SELECT COUNT(*) AS n FROM invoices')).to.deep.equal([{ n: '0' }]);
  });

  it('POST /v1/services/:id/module/change-package queues ChangePackage; running it again writes nothing', async () => {
    await h.call('PATCH', `/v1/services/${c.serviceId}`, { productId: c.proId, recalculate: true });
    const writes = panels.cpanel.count('changepackage');
    const first = await h.call('POST', `/v1/services/${c.serviceId}/module/change-package`);
    expect(first.statusCode).to.equal(202);
    expect(first.json<{ jobId: string }>().jobId).to.match(/^change-package-\d+-/);
    await h.drain(['provisioning']);
    await h.call('POST', `/v1/services/${c.serviceId}/module/change-package`);
    await h.drain(['provisioning']);
    expect(panels.cpanel.count('changepackage') - writes).to.equal(1);
    expect(panels.cpanel.accounts.get('bob')!.plan).to.equal('pro');
  });

  it('twenty concurrent orders for one service: one is accepted, nineteen get 409 upgrade_open', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.call('POST', `/v1/services/${c.serviceId}/upgrades`, { productId: c.proId, actor: 'client' }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((s) => s === 202)).to.have.length(1);
    expect(codes.filter((s) => s === 409)).to.have.length(19);
    expect(await h.db.ds.query('SELECT COUNT(*) AS n FROM upgrades')).to.deep.equal([{ n: '1' }]);
  });

  it('tells the front-end by signed webhook: upgrade.invoiced, upgrade.applied (with the payment), then upgrade.completed', async () => {
    const placed = await h.call('POST', `/v1/services/${c.serviceId}/upgrades`, {
      productId: c.proId,
      actor: 'client',
    });
    const { upgradeId } = placed.json<{ upgradeId: number }>();
    const invoiced = await h.waitForStatus(upgradeId, 'invoiced');
    await h.call('POST', `/v1/invoices/${invoiced.invoiceId}/payments`, {
      amount: '12.22',
      gateway: 'stripe',
      transactionId: 'wh-1',
    });
    await h.waitForStatus(upgradeId, 'completed');
    await h.drain(['webhooks', 'email']);
    // Each event is its own job, so arrival order is not guaranteed: compare by event.
    const byEvent = (a: { event: string }, b: { event: string }) => a.event.localeCompare(b.event);
    expect(
      [...received]
        .sort(byEvent)
        .map((r) => [r.event, r.body.data.upgradeId, r.body.data.status, r.body.data.invoiceId, r.valid, r.standard]),
    ).to.deep.equal([
      ['upgrade.applied', upgradeId, 'applied', invoiced.invoiceId, true, true],
      ['upgrade.completed', upgradeId, 'completed', invoiced.invoiceId, true, true],
      ['upgrade.invoiced', upgradeId, 'invoiced', invoiced.invoiceId, true, true],
    ]);
    const rows = await h.db.ds.getRepository(WebhookDelivery).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => [r.event, r.status, r.attempts, r.lastHttpStatus])).to.deep.equal([
      ['upgrade.invoiced', 'delivered', 1, 204],
      ['upgrade.applied', 'delivered', 1, 204],
      ['upgrade.completed', 'delivered', 1, 204],
    ]);
  });

  it('a change with nothing to pay is applied at once: upgrade.applied without an invoice, then upgrade.completed', async () => {
    // Pro → Starter: a downgrade credited to the account, nothing to pay, so it is applied when the order is processed.
    await h.call('PATCH', `/v1/services/${c.serviceId}`, { productId: c.proId, recalculate: true });
    const placed = await h.call('POST', `/v1/services/${c.serviceId}/upgrades`, {
      productId: c.starterId,
      actor: 'staff',
    });
    expect(placed.statusCode, placed.body).to.equal(202);
    const { upgradeId } = placed.json<{ upgradeId: number }>();
    await h.waitForStatus(upgradeId, 'completed');
    await h.drain(['webhooks', 'email']);
    const events = received
      .filter((r) => r.body.data.upgradeId === upgradeId)
      .map((r) => [r.event, r.body.data.status, r.body.data.invoiceId, r.valid, r.standard]);
    expect(events).to.have.deep.members([
      ['upgrade.applied', 'applied', null, true, true],
      ['upgrade.completed', 'completed', null, true, true],
    ]);
  });
});
