import { expect } from 'chai';
import { JobAudit } from '../../../src/db/entities/index.js';
import { startFakePanels, type FakePanels } from '../../../src/panels/fakes/index.js';
import { startCpanelPipeline, type CpanelPipeline } from '../../support/cpanel-pipeline.js';
import { runCli } from './support/run-cli.js';

/** `upshift jobs list|show|retry|clean` as a process against real MariaDB and Redis with running workers. */
describe('upshift jobs list|show|retry|clean (real CLI, MariaDB, Redis, workers, fake WHM)', () => {
  let panels: FakePanels;
  let p: CpanelPipeline;
  let upgradeId: number;
  before(async () => {
    panels = await startFakePanels();
  });
  after(async () => {
    await panels.close();
  });
  beforeEach(async () => {
    p = await startCpanelPipeline(panels);
    // WHM does not know the account: a permanent error, the provisioning job fails at once.
    await p.h.db.ds.query('UPDATE services SET username = ? WHERE id = ?', ['nosuchuser', p.c.serviceId]);
    upgradeId = await p.placeAndPay();
    await p.h.waitForStatus(upgradeId, 'provisioning_failed');
    await p.h.drain();
  });
  afterEach(async () => {
    await p.h.close();
  });

  it('lists jobs by queue, state and age, as a table and as JSON', async () => {
    const failed = await runCli(p.h, ['jobs', 'list', '--queue', 'provisioning', '--state', 'failed', '--json']);
    expect(failed.code, failed.stderr).to.equal(0);
    const jobs = JSON.parse(failed.stdout) as Array<{
      queue: string;
      id: string;
      state: string;
      data: unknown;
      attemptsMade: number;
      failedReason: string;
    }>;
    expect(jobs.map((j) => [j.queue, j.id, j.state])).to.deep.equal([
      ['provisioning', `provision-${upgradeId}`, 'failed'],
    ]);
    expect(jobs[0].data).to.deep.equal({ upgradeId });
    expect(jobs[0].failedReason).to.match(/PanelNotFoundError/);

    const table = await runCli(p.h, ['jobs', 'list', '--state', 'completed,failed']);
    expect(table.code, table.stderr).to.equal(0);
    expect(table.stdout.split('\n')[0]).to.match(/^QUEUE\s+STATE\s+ID\s+AGE\s+ATTEMPTS\s+DATA/);
    expect(table.stdout).to.match(new RegExp(`upgrade-orders\\s+completed\\s+order-${upgradeId}\\s`));
    expect(table.stdout).to.match(new RegExp(`provisioning\\s+failed\\s+provision-${upgradeId}\\s`));

    const old = await runCli(p.h, ['jobs', 'list', '--older-than', '1h']);
    expect(old.stdout).to.equal('no matching jobs\n');

    const bad = await runCli(p.h, ['jobs', 'list', '--state', 'stuck']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.include("--state: unknown state 'stuck'");
    const badAge = await runCli(p.h, ['jobs', 'list', '--older-than', 'soon']);
    expect(badAge.code).to.equal(2);
    expect(badAge.stderr).to.include('--older-than: expected a duration');
  });

  it('shows one job, finding its queue from the id', async () => {
    const shown = await runCli(p.h, ['jobs', 'show', `provision-${upgradeId}`]);
    expect(shown.code, shown.stderr).to.equal(0);
    expect(shown.stdout).to.include(`provisioning provision-${upgradeId}: failed, attempts 1/12`);
    expect(shown.stdout).to.match(/error: +PanelNotFoundError/);
    const missing = await runCli(p.h, ['jobs', 'show', 'order-999999']);
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.include('upgrade-orders job order-999999 not found');
  });

  it('retries a failed job once the cause is fixed (dry run first), audited; refuses to retry a completed one', async () => {
    const dry = await runCli(p.h, ['jobs', 'retry', `provision-${upgradeId}`, '--dry-run']);
    expect(dry.code, dry.stderr).to.equal(0);
    expect(dry.stdout).to.include(`would retry provisioning provision-${upgradeId}`);
    expect(await (await p.h.producer.queue('provisioning').getJob(`provision-${upgradeId}`))!.getState()).to.equal(
      'failed',
    );
    expect(await p.h.db.ds.getRepository(JobAudit).count()).to.equal(0);

    await p.h.db.ds.query('UPDATE services SET username = ? WHERE id = ?', ['bob', p.c.serviceId]);
    const run = await runCli(p.h, ['jobs', 'retry', `provision-${upgradeId}`, '--who', 'alice']);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include('1 retried, 0 skipped');
    await p.h.waitForStatus(upgradeId, 'completed');
    expect(panels.cpanel.accounts.get('bob')!.plan).to.equal('pro');
    const audit = await p.h.db.ds.getRepository(JobAudit).find();
    expect(audit.map((a) => [a.who, a.action, a.queue, a.jobId])).to.deep.equal([
      ['alice', 'retry', 'provisioning', `provision-${upgradeId}`],
    ]);
    expect(JSON.parse(audit[0].detail!)).to.deep.include({ attemptsMade: 1 });

    const completed = await runCli(p.h, ['jobs', 'retry', `order-${upgradeId}`]);
    expect(completed.code).to.equal(1);
    expect(completed.stdout).to.include('is completed: only failed jobs are retried (use replay for a completed job)');
  });

  it('retries every failed job of a queue with plain progress lines', async () => {
    const second = await p.h.call('POST', '/v1/services', {
      clientId: p.c.clientId,
      productId: p.c.starterId,
      domain: 'two.example.test',
      username: 'nosuchuser2',
      billingCycle: 'monthly',
      nextDueDate: '2025-03-01',
    });
    const other = await p.placeAndPay(second.json<{ id: number }>().id);
    await p.h.waitForStatus(other, 'provisioning_failed');
    const run = await runCli(p.h, ['jobs', 'retry', '--queue', 'provisioning', '--batch-size', '1']);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include('2 retried, 0 skipped');
    expect(run.stderr).to.include('retry: 0/2');
    expect(run.stderr).to.include('retry: 2/2 done');
    expect(await p.h.db.ds.getRepository(JobAudit).countBy({ action: 'retry', who: 'ci-operator' })).to.equal(2);
  });

  it('cleans finished jobs older than an age (dry run lists them), with one audit row', async () => {
    const dry = await runCli(p.h, [
      'jobs',
      'clean',
      '--queue',
      'email',
      '--state',
      'completed',
      '--older-than',
      '0s',
      '--dry-run',
    ]);
    expect(dry.code, dry.stderr).to.equal(0);
    expect(dry.stdout).to.include(`would remove email email-${upgradeId}-upgrade-invoice-issued`);
    const none = await runCli(p.h, ['jobs', 'clean', '--queue', 'email', '--state', 'completed', '--older-than', '7d']);
    expect(none.stdout).to.equal('removed 0 completed jobs from email\n');
    const before = await p.h.producer.queue('email').getJobCountByTypes('completed');
    expect(before).to.equal(2); // invoice issued, provisioning failed (staff)
    const run = await runCli(p.h, [
      'jobs',
      'clean',
      '--queue',
      'email',
      '--state',
      'completed',
      '--older-than',
      '0s',
      '--who',
      'bob',
    ]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.equal('removed 2 completed jobs from email\n');
    expect(await p.h.producer.queue('email').getJobCountByTypes('completed')).to.equal(0);
    const audit = await p.h.db.ds.getRepository(JobAudit).findBy({ action: 'clean' });
    expect(audit.map((a) => [a.who, a.queue, a.jobId, JSON.parse(a.detail!)])).to.deep.equal([
      ['ci-operator', 'email', '*:completed', { olderThanMs: 604_800_000, removed: 0 }],
      ['bob', 'email', '*:completed', { olderThanMs: 0, removed: 2 }],
    ]);
    const usage = await runCli(p.h, ['jobs', 'clean', '--queue', 'email']);
    expect(usage.code).to.equal(2);
    expect(usage.stderr).to.include('clean needs --queue, --state completed|failed and --older-than');
  });
});
