import { expect } from 'chai';
import { bulkChange, silentProgress, type OpsProgress } from '../../../src/app/ops/index.js';
import { Invoice, JobAudit, Service, Upgrade } from '../../../src/db/entities/index.js';
import { startFakePanels, type FakePanels } from '../../../src/panels/fakes/index.js';
import { startCpanelPipeline, type CpanelPipeline } from '../../support/cpanel-pipeline.js';
import { runCli } from './support/run-cli.js';

const USERS = ['u1', 'u2', 'u3', 'u4', 'u5'];

/** A hosting company retires Starter: every Starter service moves to Pro, free or through priced orders. */
/** The CLI runs on the real clock; the suite's services live in February 2025, so staff may price that far back. */
const PAST_WINDOW = { STAFF_AS_OF_WINDOW_DAYS: '3660' };

describe('upshift upgrades bulk (real CLI and use case, MariaDB, Redis, workers, fake WHM with maxConcurrency 2)', () => {
  let panels: FakePanels;
  let p: CpanelPipeline;
  let serviceIds: number[];
  before(async () => {
    panels = await startFakePanels({
      cpanel: { accounts: Object.fromEntries(['bob', ...USERS].map((u) => [u, { plan: 'starter' }])) },
    });
  });
  after(async () => {
    await panels.close();
  });
  beforeEach(async () => {
    p = await startCpanelPipeline(panels, {}, 2);
    for (const u of ['bob', ...USERS]) panels.cpanel.accounts.set(u, { plan: 'starter' });
    serviceIds = [p.c.serviceId];
    for (const u of USERS) {
      const res = await p.h.call('POST', '/v1/services', {
        clientId: p.c.clientId,
        productId: p.c.starterId,
        domain: `${u}.example.test`,
        username: u,
        billingCycle: 'monthly',
        nextDueDate: '2025-03-01',
      });
      expect(res.statusCode, res.body).to.equal(201);
      serviceIds.push(res.json<{ id: number }>().id);
    }
  });
  afterEach(async () => {
    await p.h.close();
  });

  const bulkArgs = (...extra: string[]) => [
    'upgrades',
    'bulk',
    '--from-product',
    String(p.c.starterId),
    '--to-product',
    String(p.c.proId),
    ...extra,
  ];
  const onProduct = async (productId: number) => p.h.db.ds.getRepository(Service).countBy({ productId });

  it('--free: dry run, an interrupted run, then a resumed CLI run move every service once, paced by the panel limit', async () => {
    const dry = await runCli(p.h, bulkArgs('--free', '--dry-run'));
    expect(dry.code, dry.stderr).to.equal(0);
    expect(dry.stdout).to.include(
      `product ${p.c.starterId} → ${p.c.proId} (free): 6 matched, 6 to change, 0 skipped, 0 failed (dry run: nothing changed)`,
    );
    expect(await onProduct(p.c.starterId)).to.equal(6);
    expect(await p.h.db.ds.getRepository(JobAudit).count()).to.equal(0);

    // Interrupted (Ctrl-C) after two services.
    panels.cpanel.faults.add({ kind: 'latency', ms: 150, action: 'changepackage' });
    const abort = new AbortController();
    let advanced = 0;
    const progress: OpsProgress = {
      ...silentProgress,
      advance: () => {
        if (++advanced === 2) abort.abort();
      },
    };
    const first = await bulkChange(
      p.h.ctx,
      p.h.producer,
      { fromProductId: p.c.starterId, toProductId: p.c.proId, free: true },
      { who: 'carol', progress, signal: abort.signal },
    );
    expect([first.matched, first.changed, first.interrupted]).to.deep.equal([6, 2, true]);

    const resumed = await runCli(p.h, bulkArgs('--free', '--batch-size', '2', '--who', 'carol'));
    expect(resumed.code, resumed.stderr).to.equal(0);
    expect(resumed.stdout).to.include('4 matched, 4 changed, 0 skipped, 0 failed');
    expect(resumed.stderr).to.include('bulk change (free): 0/4');
    expect(resumed.stderr).to.include('bulk change (free): 4/4 done');

    await p.h.drain(['provisioning'], 20_000);
    expect(await onProduct(p.c.proId)).to.equal(6);
    for (const u of ['bob', ...USERS]) expect(panels.cpanel.accounts.get(u)!.plan, u).to.equal('pro');
    expect(panels.cpanel.count('changepackage')).to.equal(6);
    expect(panels.cpanel.maxInFlight).to.be.at.most(2);
    const services = await p.h.db.ds.getRepository(Service).findBy({ productId: p.c.proId });
    expect(services.map((s) => s.recurringAmount)).to.deep.equal(services.map(() => 2500n));
    expect(await p.h.db.ds.getRepository(Invoice).count()).to.equal(0);
    const audit = await p.h.db.ds.getRepository(JobAudit).find({ order: { id: 'ASC' } });
    expect(
      audit
        .filter((a) => a.action === 'bulk-change')
        .map((a) => (JSON.parse(a.detail!) as { serviceId: number }).serviceId)
        .sort(),
    ).to.deep.equal([...serviceIds].sort());
    expect(
      audit
        .filter((a) => a.action === 'bulk-summary')
        .map((a) => JSON.parse(a.detail!) as { matched: number; changed: number; interrupted: boolean })
        .map((s) => [s.matched, s.changed, s.interrupted]),
    ).to.deep.equal([
      [6, 2, true],
      [4, 4, false],
    ]);

    const again = await runCli(p.h, bulkArgs('--free'));
    expect(again.stdout).to.include('0 matched, 0 changed');
  });

  it('orders: one priced staff order per service, services with an open upgrade skipped, and a re-run orders nothing twice', async () => {
    const open = await p.h.call('POST', `/v1/services/${serviceIds[1]}/upgrades`, {
      productId: p.c.proId,
      actor: 'client',
    });
    const openId = open.json<{ upgradeId: number }>().upgradeId;
    await p.h.waitForStatus(openId, 'invoiced');

    const dry = await runCli(p.h, bulkArgs('--dry-run', '--as-of', '2025-02-10'), PAST_WINDOW);
    expect(dry.code, dry.stdout).to.equal(0);
    expect(dry.stdout).to.include(`service ${serviceIds[0]}: would-order (invoice total 12.22 USD)`);
    expect(dry.stdout).to.include(`service ${serviceIds[1]}: skipped (open upgrade ${openId})`);
    expect(dry.stdout).to.include('6 matched, 5 to order, 1 skipped, 0 failed');
    expect(await p.h.db.ds.getRepository(Upgrade).count()).to.equal(1);

    const run = await runCli(p.h, bulkArgs('--who', 'dave', '--json', '--as-of', '2025-02-10'), PAST_WINDOW);
    expect(run.code, run.stderr).to.equal(0);
    const summary = JSON.parse(run.stdout) as {
      ordered: number;
      skipped: number;
      items: Array<{ serviceId: number; outcome: string; detail: string }>;
    };
    expect([summary.ordered, summary.skipped]).to.deep.equal([5, 1]);
    const upgradeIds = summary.items
      .filter((i) => i.outcome === 'ordered')
      .map((i) => Number(/upgrade (\d+)/.exec(i.detail)![1]));
    for (const id of upgradeIds) await p.h.waitForStatus(id, 'invoiced');
    const invoices = await p.h.db.ds.getRepository(Invoice).find();
    expect(invoices.map((i) => i.total)).to.deep.equal(invoices.map(() => 1222n));
    expect(invoices).to.have.length(6);
    const staff = await p.h.db.ds.getRepository(Upgrade).findBy({ actor: 'staff' });
    expect(staff.map((u) => u.serviceId).sort()).to.deep.equal(serviceIds.filter((id) => id !== serviceIds[1]).sort());

    const rerun = await runCli(p.h, bulkArgs('--as-of', '2025-02-10'), PAST_WINDOW);
    expect(rerun.code, rerun.stderr).to.equal(0);
    expect(rerun.stdout).to.include('6 matched, 0 ordered, 6 skipped, 0 failed');
    expect(await p.h.db.ds.getRepository(Upgrade).count()).to.equal(6);
    expect(await p.h.db.ds.getRepository(JobAudit).countBy({ action: 'bulk-change', who: 'dave' })).to.equal(5);
  });

  it('refuses bad input with a message naming the flag', async function () {
    this.timeout(90_000); // four CLI processes, each starting Node and TypeORM
    const same = await runCli(p.h, ['upgrades', 'bulk', '--from-product', '1', '--to-product', '1']);
    expect(same.code).to.equal(2);
    expect(same.stderr).to.include('--to-product must differ from --from-product');
    const missing = await runCli(p.h, ['upgrades', 'bulk', '--from-product', '999', '--to-product', String(p.c.proId)]);
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.include('product 999 not found');
    const freeAsOf = await runCli(p.h, bulkArgs('--free', '--as-of', '2025-02-10'), PAST_WINDOW);
    expect(freeAsOf.code).to.equal(2);
    expect(freeAsOf.stderr).to.include('--as-of applies to orders, not to --free changes');
    const bad = await runCli(p.h, ['upgrades', 'bulk', '--from-product', 'x', '--to-product', '2']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.include("--from-product: expected a whole number ≥ 1, got 'x'");
  });
});
