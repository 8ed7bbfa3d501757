import { expect } from 'chai';
import { readdir } from 'node:fs/promises';
import {
  CreditLedgerEntry,
  EmailLog,
  Invoice,
  JobAudit,
  PanelCall,
  Payment,
  Service,
  UpgradeTransition,
  WebhookDelivery,
} from '../../../src/db/entities/index.js';
import { startFakePanels, type FakePanels } from '../../../src/panels/fakes/index.js';
import { startCpanelPipeline, type CpanelPipeline } from '../../support/cpanel-pipeline.js';
import { runCli } from './support/run-cli.js';

/**
 * The promise ops rely on: replaying every job of a completed upgrade (orders, invoice-paid, provisioning, the
 * emails) with `upshift jobs replay` changes nothing — no second panel write, email, invoice, payment or
 * ledger row — while each replay runs for real and leaves an audit row.
 */
describe('upshift jobs replay of a completed upgrade (real CLI, MariaDB, Redis, workers, fake WHM)', function () {
  // Each test starts several `upshift` CLI processes (12 s on a quiet machine); a busy two-core machine needs more.
  this.timeout(90_000);
  let panels: FakePanels;
  let p: CpanelPipeline;
  before(async () => {
    panels = await startFakePanels();
  });
  after(async () => {
    await panels.close();
  });
  beforeEach(async () => {
    p = await startCpanelPipeline(panels, { config: { webhookUrls: [] } });
  });
  afterEach(async () => {
    await p.h.close();
  });

  const snapshot = async () => {
    const ds = p.h.db.ds;
    const service = await ds.getRepository(Service).findOneByOrFail({ id: p.c.serviceId });
    return {
      changepackageWrites: panels.cpanel.count('changepackage'),
      panelCalls: await ds.getRepository(PanelCall).count(),
      outboxFiles: (await readdir(p.h.outboxDir)).length,
      emailLog: await ds.getRepository(EmailLog).count(),
      invoices: await ds.getRepository(Invoice).count(),
      payments: await ds.getRepository(Payment).count(),
      ledgerRows: await ds.getRepository(CreditLedgerEntry).count(),
      transitions: await ds.getRepository(UpgradeTransition).count(),
      webhookDeliveries: await ds.getRepository(WebhookDelivery).count(),
      service: [service.productId, service.recurringAmount.toString(), service.nextDueDate],
    };
  };

  it('replays orders, invoice-paid, provisioning and email jobs as new -replay-<n> jobs that change nothing', async () => {
    const upgradeId = await p.placeAndPay();
    await p.h.waitForStatus(upgradeId, 'completed');
    await p.h.drain();
    const before = await snapshot();
    expect(before.changepackageWrites).to.equal(1);
    expect(before.outboxFiles).to.equal(2); // invoice issued, upgrade completed

    const dry = await runCli(p.h, ['jobs', 'replay', '--upgrade', String(upgradeId), '--dry-run']);
    expect(dry.code, dry.stderr).to.equal(0);
    expect(dry.stdout).to.include(`would replay upgrade-orders order-${upgradeId} as order-${upgradeId}-replay-1`);
    expect(await p.h.db.ds.getRepository(JobAudit).count()).to.equal(0);

    const run = await runCli(p.h, ['jobs', 'replay', '--upgrade', String(upgradeId), '--who', 'alice']);
    expect(run.code, run.stderr + run.stdout).to.equal(0);
    const invoice = await p.h.db.ds.getRepository(Invoice).findOneByOrFail({ upgradeId });
    const expected = [
      ['upgrade-orders', `order-${upgradeId}-replay-1`],
      ['invoice-paid', `paid-${invoice.id}-replay-1`],
      ['provisioning', `provision-${upgradeId}-replay-1`],
      ['email', `email-${upgradeId}-upgrade-completed-replay-1`],
      ['email', `email-${upgradeId}-upgrade-invoice-issued-replay-1`],
    ];
    for (const [, id] of expected) expect(run.stdout).to.include(`as ${id}`);
    expect(run.stdout).to.include('5 replayed, 0 skipped');
    // Non-TTY stderr: plain progress lines instead of a bar.
    expect(run.stderr).to.include('replay: 5/5 done');

    await p.h.drain();
    for (const [queue, id] of expected) {
      const job = await p.h.producer.queue(queue as 'email').getJob(id);
      expect(await job?.getState(), `${queue} ${id}`).to.equal('completed');
    }
    // Each replayed step ran and found its work done.
    const email = await p.h.producer.queue('email').getJob(`email-${upgradeId}-upgrade-completed-replay-1`);
    expect(email!.returnvalue).to.equal('already-sent');
    expect(await snapshot()).to.deep.equal(before);
    const audit = await p.h.db.ds.getRepository(JobAudit).find({ order: { id: 'ASC' } });
    expect(audit.map((a) => [a.who, a.action, a.queue, a.jobId])).to.deep.equal(
      expected.map(([q, id]) => ['alice', 'replay', q, id]),
    );

    // A second replay of one job by id gets the next number; the history shows both.
    const again = await runCli(p.h, ['jobs', 'replay', `provision-${upgradeId}`]);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.include(`as provision-${upgradeId}-replay-2`);
    await p.h.drain();
    expect(await snapshot()).to.deep.equal(before);
    const shown = await runCli(p.h, ['upgrades', 'show', String(upgradeId)]);
    expect(shown.code, shown.stderr).to.equal(0);
    expect(shown.stdout).to.match(new RegExp(`upgrade ${upgradeId}: completed`));
    expect(shown.stdout).to.match(new RegExp(`provision-${upgradeId}-replay-2\\s+completed`));
    expect(shown.stdout).to.include('ci-operator replay provisioning');
    expect(shown.stdout).to.match(/panel\s+server \d+ changepackage ok/);
  });

  it('replays a completed money job by id even after Redis dropped it, rebuilding the payload from the database', async () => {
    const upgradeId = await p.placeAndPay();
    await p.h.waitForStatus(upgradeId, 'completed');
    await p.h.drain();
    const before = await snapshot();
    const invoice = await p.h.db.ds.getRepository(Invoice).findOneByOrFail({ upgradeId });
    await (await p.h.producer.queue('invoice-paid').getJob(`paid-${invoice.id}`))!.remove();
    const byId = await runCli(p.h, ['jobs', 'replay', `paid-${invoice.id}`]);
    expect(byId.code).to.equal(1);
    expect(byId.stdout).to.include('not found in Redis');
    const byUpgrade = await runCli(p.h, ['jobs', 'replay', '--upgrade', String(upgradeId), '--json']);
    expect(byUpgrade.code, byUpgrade.stderr).to.equal(0);
    const outcome = JSON.parse(byUpgrade.stdout) as { done: Array<{ jobId: string; replayJobId: string }> };
    expect(outcome.done.map((d) => d.replayJobId)).to.include(`paid-${invoice.id}-replay-1`);
    await p.h.drain();
    expect(await snapshot()).to.deep.equal(before);
  });
});
