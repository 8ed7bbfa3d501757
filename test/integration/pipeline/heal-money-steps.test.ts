import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DelayedError, UnrecoverableError, Worker } from 'bullmq';
import { simpleParser } from 'mailparser';
import type { AppContext } from '../../../src/app/app-context.js';
import { fixedClock } from '../../../src/app/clock.js';
import { healSpacingMs } from '../../../src/app/scheduler/heal-stuck.js';
import { sweepStuck } from '../../../src/app/scheduler/sweeps.js';
import { openMigratedDataSource } from '../../../src/db/data-source.js';
import { EmailLog, Invoice, UpgradeHeal } from '../../../src/db/entities/index.js';
import { processMetrics } from '../../../src/observability/process-metrics.js';
import { startFakePanels, type FakePanels } from '../../../src/panels/fakes/index.js';
import { JobProducer } from '../../../src/queues/job-producer.js';
import type { QueueName } from '../../../src/queues/queue-names.js';
import { createRedis } from '../../../src/queues/redis-connection.js';
import { startWorkers } from '../../../workers/start-workers.js';
import type { WorkerPool } from '../../../workers/worker-pool.js';
import { startCpanelPipeline, type CpanelPipeline } from '../../support/cpanel-pipeline.js';
import { TEST_REDIS_URL, type PipelineHarness } from '../../support/pipeline-harness.js';
import { create } from '../../support/seed-catalog.js';

/**
 * DESIGN §2, "money steps heal whatever Redis remembers": an upgrade whose invoice is paid but not applied, applied
 * but not provisioned, or provisioned without its email is found by the stuck sweep from the database and re-driven
 * under a new deterministic id `<jobId>-heal-<n>` — also when its BullMQ job failed for good (which the old sweep,
 * re-adding under the original id, could not do: BullMQ keeps a failed job's id for 30 days and ignores the add).
 * Jobs are failed for real, through a BullMQ worker whose step throws on its last attempt.
 */
describe('the healing sweep re-drives money steps whose job failed for good or vanished (MariaDB + Redis + workers)', function () {
  this.timeout(60_000);
  let panels: FakePanels;
  let p: CpanelPipeline;
  let h: PipelineHarness;
  let extra: WorkerPool[] = [];
  before(async () => {
    panels = await startFakePanels();
  });
  after(async () => {
    await panels.close();
  });
  afterEach(async () => {
    await Promise.all(extra.map((w) => w.close(5_000)));
    extra = [];
    await h.close();
  });

  /** Start a pipeline whose workers run only on `queues` (the others are started later with `workersFor`). */
  const start = async (queues: QueueName[]) => {
    p = await startCpanelPipeline(panels, { queues });
    h = p.h;
  };
  /** The real workers of `queues`, started now (as another process would). */
  const workersFor = async (queues: QueueName[]) => {
    extra.push(
      await startWorkers(h.ctx, {
        connection: h.connection,
        notifications: h.notifications,
        provisioning: h.provisioning,
        prefix: h.ctx.config.queuePrefix,
        queues,
      }),
    );
  };
  /** The sweep as the scheduler runs it, ten minutes from now (every row is past the three-minute threshold). */
  const later = (ctx: AppContext = h.ctx) => ({
    ...ctx,
    clock: fixedClock('2025-02-10', new Date(Date.now() + 10 * 60_000)),
  });
  const sweep = (ctx: AppContext = h.ctx, queues = h.producer) => sweepStuck(later(ctx), queues);
  const state = (queue: QueueName, jobId: string) => h.producer.queue(queue).getJobState(jobId);
  const jobIds = async (queue: QueueName) =>
    (await h.producer.queue(queue).getJobs(['waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed']))
      .map((j) => j.id)
      .sort();
  const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs = 15_000) => {
    const until = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  /**
   * Fails job `jobId` of `queue` for good, the way a worker does when the step throws on its last attempt (a database
   * outage longer than the job's retries): a BullMQ worker takes it and its step throws an UnrecoverableError.
   */
  const failForGood = async (queue: QueueName, jobId: string) => {
    const worker = new Worker(
      queue,
      async (job, token) => {
        if (job.id === jobId) throw new UnrecoverableError('connect ECONNREFUSED 127.0.0.1:3306 (last attempt)');
        await job.moveToDelayed(Date.now() + 10, token); // not ours: put back untouched, no attempt used
        throw new DelayedError();
      },
      { connection: h.connection, prefix: h.ctx.config.queuePrefix },
    );
    try {
      await waitFor(`${jobId} to fail`, async () => (await state(queue, jobId)) === 'failed');
    } finally {
      await worker.close();
    }
  };
  const heals = async (queue: string, st: string) =>
    (await processMetrics().registry.getSingleMetricAsString('upshift_heals_total'))
      .split('\n')
      .filter((l) => l.startsWith(`upshift_heals_total{queue="${queue}",state="${st}"}`))
      .map((l) => Number(l.split(' ').pop()))[0] ?? 0;
  /** Makes the upgrade's heals older by the spacing of round `round` (as if that much time had passed since). */
  const ageHeals = (upgradeId: number, round: number) =>
    h.db.ds.query('UPDATE upgrade_heals SET at = at - INTERVAL ? MICROSECOND WHERE upgradeId = ?', [
      (healSpacingMs(round, 180_000) + 1_000) * 1000,
      upgradeId,
    ]);
  const staffReports = async (upgradeId: number) => {
    // Outbox files are named after the send-once key (`email:upgrade-healed:<id>:<state>`, plus a hash of it).
    const files = (await readdir(h.outboxDir)).filter((f) => f.startsWith(`email_upgrade-healed_${upgradeId}_`));
    return Promise.all(
      files.map(async (f) => {
        const mail = await simpleParser(await readFile(join(h.outboxDir, f)));
        return {
          file: f.replace(/-[0-9a-f]{10}\.eml$/, '.eml'),
          to: mail.to && !Array.isArray(mail.to) ? mail.to.text : '',
          text: mail.text ?? '',
        };
      }),
    );
  };

  it('a paid invoice whose paid-<id> job failed for good: the old re-add does nothing, the heal completes the upgrade, reports once, counts', async () => {
    await start(['upgrade-orders', 'email']);
    const upgradeId = await p.placeAndPay();
    const invoice = await h.db.ds.getRepository(Invoice).findOneByOrFail({ upgradeId });
    expect(invoice.status).to.equal('paid');
    const jobId = `paid-${invoice.id}`;
    await failForGood('invoice-paid', jobId);
    await workersFor(['invoice-paid', 'provisioning']);

    // What the old stuck sweep did — re-add under the original id, replacing only a completed job — is a no-op here.
    await h.producer.enqueue('invoice-paid', { invoiceId: invoice.id }, { replaceCompleted: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(await state('invoice-paid', jobId)).to.equal('failed');
    expect((await h.waitForStatus(upgradeId, 'invoiced')).status).to.equal('invoiced');

    const before = await heals('invoice-paid', 'invoiced');
    const outcome = await sweep();
    expect(outcome.healed.map((x) => [x.upgradeId, x.state, x.queue, x.jobId, x.jobState, x.healJobId])).to.deep.equal([
      [upgradeId, 'invoiced', 'invoice-paid', jobId, 'failed', `${jobId}-heal-1`],
    ]);
    expect(await heals('invoice-paid', 'invoiced')).to.equal(before + 1);
    const done = await h.waitForStatus(upgradeId, 'completed');
    expect(done.status).to.equal('completed');
    expect(panels.cpanel.accounts.get('bob')!.plan).to.equal('pro');
    // The failed job is left as it was, for ops; the heal is a new job.
    const failed = (await h.producer.queue('invoice-paid').getJob(jobId))!;
    expect([await failed.getState(), failed.failedReason]).to.deep.equal([
      'failed',
      'connect ECONNREFUSED 127.0.0.1:3306 (last attempt)',
    ]);
    expect(await state('invoice-paid', `${jobId}-heal-1`)).to.equal('completed');

    // Staff are told once: which upgrade and invoice, stuck in which state since when, re-driven as which job.
    await h.drain(['email']);
    const reports = await staffReports(upgradeId);
    expect(reports.map((r) => r.file)).to.deep.equal([`email_upgrade-healed_${upgradeId}_invoiced.eml`]);
    const { to, text } = reports[0];
    expect(to).to.equal(h.ctx.config.staffEmail);
    for (const fact of [
      `Upgrade ${upgradeId} sat in invoiced (invoice paid) since ${invoice.paidAt!.toISOString()}`,
      `Invoice: ${invoice.id}`,
      `${jobId} (failed)`,
      `Re-driven as: ${jobId}-heal-1`,
    ]) {
      expect(text).to.contain(fact);
    }
    // Done: nothing left to heal.
    expect((await sweep()).checked).to.equal(0);
  });

  it('an applied upgrade whose provisioning job failed for good is re-driven to the panel and completed', async () => {
    await start(['upgrade-orders', 'invoice-paid', 'email']);
    const upgradeId = await p.placeAndPay();
    await h.waitForStatus(upgradeId, 'applied');
    await failForGood('provisioning', `provision-${upgradeId}`);
    await workersFor(['provisioning']);
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.waitForStatus(upgradeId, 'applied')).status).to.equal('applied');

    const before = await heals('provisioning', 'applied');
    const outcome = await sweep();
    expect(outcome.healed.map((x) => [x.state, x.jobId, x.jobState, x.healJobId])).to.deep.equal([
      ['applied', `provision-${upgradeId}`, 'failed', `provision-${upgradeId}-heal-1`],
    ]);
    await h.waitForStatus(upgradeId, 'completed');
    expect(await heals('provisioning', 'applied')).to.equal(before + 1);
    expect(panels.cpanel.accounts.get('bob')!.plan).to.equal('pro');
    expect(panels.cpanel.count('changepackage')).to.equal(1);
    await h.drain(['email']);
    expect((await staffReports(upgradeId)).map((r) => r.file)).to.deep.equal([
      `email_upgrade-healed_${upgradeId}_applied.eml`,
    ]);
  });

  it('a provisioned upgrade whose completion email job failed for good, or vanished, gets its email once and completes', async () => {
    await start(['upgrade-orders', 'invoice-paid', 'provisioning']);
    const upgradeId = await p.placeAndPay();
    await h.waitForStatus(upgradeId, 'provisioned');
    const jobId = `email-${upgradeId}-upgrade-completed`;
    await failForGood('email', jobId);
    const outcome = await sweep();
    expect(outcome.healed.map((x) => [x.state, x.queue, x.jobId, x.jobState, x.healJobId])).to.deep.equal([
      ['provisioned', 'email', jobId, 'failed', `${jobId}-heal-1`],
    ]);

    // Redis then loses the heal job too (a flush, a failover without persistence). A heal is given its time first (a
    // missing heal job may be one its sweep is about to enqueue); after that, the next sweep heals again.
    await h.producer.queue('email').remove(`${jobId}-heal-1`);
    expect(await sweep()).to.deep.include({ inHand: 1, healed: [] });
    await ageHeals(upgradeId, 1);
    const again = await sweep();
    expect(again.healed.map((x) => [x.jobState, x.round, x.healJobId])).to.deep.equal([
      ['missing', 2, `${jobId}-heal-2`],
    ]);

    await workersFor(['email']);
    await h.waitForStatus(upgradeId, 'completed');
    await h.drain(['email']);
    const files = await readdir(h.outboxDir);
    expect(files.filter((f) => f.startsWith(`email_upgrade-completed_${upgradeId}`))).to.have.length(1);
    // Two heals of one state: one staff report.
    expect((await staffReports(upgradeId)).map((r) => r.file)).to.deep.equal([
      `email_upgrade-healed_${upgradeId}_provisioned.eml`,
    ]);
  });

  it('a job still waiting is left alone; two schedulers racing in two processes add one heal job; staff hear once; the counter counts each heal', async () => {
    await start(['upgrade-orders']);
    const upgradeId = await p.placeAndPay();
    const invoice = await h.db.ds.getRepository(Invoice).findOneByOrFail({ upgradeId });
    const jobId = `paid-${invoice.id}`;
    // The original job is still waiting (no invoice-paid worker yet): the sweep leaves it to run.
    expect(await state('invoice-paid', jobId)).to.equal('waiting');
    expect(await sweep()).to.deep.include({ checked: 1, inHand: 1, healed: [] });

    await failForGood('invoice-paid', jobId);
    // A second "process": its own database pool and Redis connection, same database and prefix.
    const otherDs = await openMigratedDataSource(h.db.url);
    const otherRedis = createRedis(TEST_REDIS_URL, 'producer');
    const otherProducer = new JobProducer(otherRedis, { prefix: h.ctx.config.queuePrefix });
    const before = await heals('invoice-paid', 'invoiced');
    try {
      const other: AppContext = { ...h.ctx, ds: otherDs, jobs: otherProducer };
      const [a, b] = await Promise.all([sweep(h.ctx), sweep(other, otherProducer)]);
      expect(a.healed.length + b.healed.length).to.equal(1);
    } finally {
      await otherProducer.close();
      otherRedis.disconnect();
      await otherDs.destroy();
    }
    expect(await heals('invoice-paid', 'invoiced')).to.equal(before + 1);
    expect(await jobIds('invoice-paid')).to.deep.equal([jobId, `${jobId}-heal-1`]);
    expect(await state('invoice-paid', `${jobId}-heal-1`)).to.equal('waiting');

    // Sweeps while the heal job waits add nothing.
    expect(await sweep()).to.deep.include({ checked: 1, inHand: 1, healed: [] });
    expect(await sweep()).to.deep.include({ checked: 1, inHand: 1, healed: [] });
    expect(await jobIds('invoice-paid')).to.deep.equal([jobId, `${jobId}-heal-1`]);

    // The heal job fails for good too (the outage went on): once round 1 has had its time (the 3-minute threshold,
    // doubling each round), the next sweep takes round 2 — never an id twice.
    await failForGood('invoice-paid', `${jobId}-heal-1`);
    expect(await sweep()).to.deep.include({ inHand: 1, healed: [] });
    await ageHeals(upgradeId, 1);
    expect((await sweep()).healed.map((x) => [x.jobState, x.healJobId])).to.deep.equal([['failed', `${jobId}-heal-2`]]);
    expect(await sweep()).to.deep.include({ inHand: 1, healed: [] }); // round 2 waits 6 minutes before a round 3
    expect(await heals('invoice-paid', 'invoiced')).to.equal(before + 2);
    expect(
      (await h.db.ds.getRepository(UpgradeHeal).find({ where: { upgradeId }, order: { round: 'ASC' } })).map((x) => [
        x.round,
        x.state,
        x.jobId,
        x.jobState,
        x.healJobId,
      ]),
    ).to.deep.equal([
      [1, 'invoiced', jobId, 'failed', `${jobId}-heal-1`],
      [2, 'invoiced', jobId, 'failed', `${jobId}-heal-2`],
    ]);

    await workersFor(['invoice-paid', 'provisioning', 'email']);
    await h.waitForStatus(upgradeId, 'completed');
    await h.drain(['email']);
    expect((await staffReports(upgradeId)).map((r) => r.file)).to.deep.equal([
      `email_upgrade-healed_${upgradeId}_invoiced.eml`,
    ]);
    expect(
      await h.db.ds
        .getRepository(EmailLog)
        .countBy({ key: `email:upgrade-healed:${upgradeId}:invoiced`, status: 'sent' }),
    ).to.equal(1);
    expect(await jobIds('email')).to.include(`email-${upgradeId}-upgrade-healed-invoiced`);
  });

  it('walks every stuck row, page after page (no fixed window)', async () => {
    await start([]);
    const services = [p.c.serviceId];
    for (let i = 0; i < 4; i++) {
      const s = await create(h, '/v1/services', {
        clientId: p.c.clientId,
        productId: p.c.starterId,
        domain: `s${i}.example.test`,
        username: `bob${i}`,
        billingCycle: 'monthly',
        nextDueDate: '2025-03-01',
      });
      services.push(s.id);
    }
    const upgradeIds: number[] = [];
    for (const serviceId of services) {
      const res = await h.call('POST', `/v1/services/${serviceId}/upgrades`, { productId: p.c.proId, actor: 'client' });
      upgradeIds.push(res.json<{ upgradeId: number }>().upgradeId);
    }
    await h.producer.queue('upgrade-orders').drain(); // Redis loses the five waiting order jobs
    const outcome = await sweepStuck(later(), h.producer, { batch: 2 });
    expect(outcome.checked).to.equal(5);
    expect(outcome.healed.map((x) => x.healJobId).sort()).to.deep.equal(
      upgradeIds.map((id) => `order-${id}-heal-1`).sort(),
    );
    await workersFor(['upgrade-orders']);
    for (const id of upgradeIds) await h.waitForStatus(id, 'invoiced');
  });
});
