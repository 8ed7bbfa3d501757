import { expect } from 'chai';
import type { FastifyInstance } from 'fastify';
import { buildApiServer } from '../../../src/api/build-api-server.js';
import { LoginThrottle } from '../../../src/api/dashboard/login-throttle.js';
import { JobAudit } from '../../../src/db/entities/index.js';
import { startFakePanels, type FakePanels } from '../../../src/panels/fakes/index.js';
import { startCpanelPipeline, type CpanelPipeline } from '../../support/cpanel-pipeline.js';

const PASSWORD = 'dashboard-pass-123';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const OPS = basic('ops', PASSWORD);

/** The retry dashboard and /metrics over a real pipeline: one completed upgrade, one failed provisioning job. */
describe('retry dashboard at /admin/queues and /metrics (MariaDB, Redis, workers, fake WHM)', () => {
  let panels: FakePanels;
  let p: CpanelPipeline;
  let api: FastifyInstance;
  let completedId: number;
  let failedId: number;
  before(async () => {
    panels = await startFakePanels();
    p = await startCpanelPipeline(panels, { config: { dashboardPassword: PASSWORD } });
    api = await buildApiServer(p.h.ctx, { readiness: async () => ({}), queues: p.h.producer.allQueues() });
    completedId = await p.placeAndPay();
    await p.h.waitForStatus(completedId, 'completed');
    const second = await p.h.call('POST', '/v1/services', {
      clientId: p.c.clientId,
      productId: p.c.starterId,
      domain: 'two.example.test',
      username: 'nosuchuser',
      billingCycle: 'monthly',
      nextDueDate: '2025-03-01',
    });
    failedId = await p.placeAndPay(second.json<{ id: number }>().id);
    await p.h.waitForStatus(failedId, 'provisioning_failed');
    await p.h.drain();
  });
  after(async () => {
    await api.close();
    await p.h.close();
    await panels.close();
  });

  const dash = (method: 'GET' | 'PUT', path: string, authorization: string | null = OPS) =>
    api.inject({ method, url: `/admin/queues${path}`, headers: authorization ? { authorization } : {} });

  it('slows down repeated wrong credentials from one address, checking user and password every time', async () => {
    const throttled = await buildApiServer(p.h.ctx, {
      readiness: async () => ({}),
      queues: p.h.producer.allQueues(),
      dashboardThrottle: new LoginThrottle({ freeFailures: 1, baseDelayMs: 300 }),
    });
    const attempt = async (authorization: string) => {
      const started = Date.now();
      const res = await throttled.inject({
        method: 'GET',
        url: '/admin/queues/api/queues',
        headers: { authorization },
      });
      return { status: res.statusCode, ms: Date.now() - started };
    };
    expect((await attempt(basic('root', 'guess-1'))).status).to.equal(401);
    const slowed = await attempt(basic('ops', 'guess-2'));
    expect(slowed.status).to.equal(401);
    expect(slowed.ms).to.be.at.least(300);
    const right = await attempt(OPS); // also waits, so a guess cannot skip the queue
    expect(right.status).to.equal(200);
    expect(right.ms).to.be.at.least(600);
    await throttled.close();
  });

  it('is not mounted without a password (404), and asks for its own credentials when it is', async () => {
    const without = await buildApiServer(
      { ...p.h.ctx, config: { ...p.h.ctx.config, dashboardPassword: '' } },
      { readiness: async () => ({}), queues: p.h.producer.allQueues() },
    );
    expect(
      (await without.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: OPS } })).statusCode,
    ).to.equal(404);
    await without.close();
    const anonymous = await dash('GET', '', null);
    expect(anonymous.statusCode).to.equal(401);
    expect(anonymous.headers['www-authenticate']).to.match(/^Basic realm="Upshift dashboard"/);
    expect((await dash('GET', '', basic('ops', 'wrong-password'))).statusCode).to.equal(401);
    expect((await dash('GET', '', basic('root', PASSWORD))).statusCode).to.equal(401);
    expect((await dash('GET', '/api/queues', `Bearer ${PASSWORD}`)).statusCode).to.equal(401);
    const page = await dash('GET', '');
    expect(page.statusCode).to.equal(200);
    expect(page.body).to.include('<title>Upshift</title>');
  });

  it('lists the queues with completed retries off for the money queues and the scheduler read-only', async () => {
    const res = await dash('GET', '/api/queues?activeQueue=provisioning&status=failed');
    expect(res.statusCode).to.equal(200);
    const queues = res.json<{
      queues: Array<{
        name: string;
        allowCompletedRetries: boolean;
        readOnlyMode: boolean;
        counts: Record<string, number>;
        jobs: Array<{ id: string; data: unknown }>;
      }>;
    }>().queues;
    const byName = Object.fromEntries(queues.map((q) => [q.name, q]));
    expect(Object.keys(byName)).to.have.members([
      'upgrade-orders',
      'invoice-paid',
      'provisioning',
      'email',
      'webhooks',
      'scheduler',
    ]);
    expect([
      byName['upgrade-orders'].allowCompletedRetries,
      byName['invoice-paid'].allowCompletedRetries,
      byName.provisioning.allowCompletedRetries,
    ]).to.deep.equal([false, false, true]);
    expect(byName.scheduler.readOnlyMode).to.equal(true);
    expect(byName.provisioning.counts.failed).to.equal(1);
    expect(byName.provisioning.jobs.map((j) => [j.id, j.data])).to.deep.equal([
      [`provision-${failedId}`, { upgradeId: failedId }],
    ]);
  });

  it('redacts anything but ids in job data, server-side', async () => {
    // Never enqueued by Upshift (payloads are ids only): added behind the producer's back to prove the formatter.
    await p.h.producer
      .queue('webhooks')
      .add(
        'rogue',
        { deliveryId: 99_999, secret: 'hunter2-secret', url: 'https://user:pw@example.test/' },
        { jobId: 'rogue-1', delay: 3_600_000 },
      );
    const res = await dash('GET', '/api/queues/webhooks/rogue-1');
    expect(res.statusCode).to.equal(200);
    expect(res.body).to.not.include('hunter2');
    expect(res.body).to.not.include('user:pw');
    expect(res.json<{ job: { data: unknown } }>().job.data).to.deep.equal({
      deliveryId: 99_999,
      secret: '[redacted]',
      url: '[redacted]',
    });
    await (await p.h.producer.queue('webhooks').getJob('rogue-1'))!.remove();
  });

  it('refuses to re-run completed money jobs and the actions Upshift disables; retries a failed job, audited', async () => {
    const order = await dash('PUT', `/api/queues/upgrade-orders/order-${completedId}/retry`);
    expect(order.statusCode).to.equal(403);
    expect((await dash('PUT', '/api/queues/invoice-paid/retry/completed')).statusCode).to.equal(403);
    expect((await dash('PUT', '/api/queues/provisioning/empty')).statusCode).to.equal(403);
    expect((await dash('PUT', '/api/queues/scheduler/pause')).statusCode).to.equal(405); // read-only queue
    expect(await (await p.h.producer.queue('upgrade-orders').getJob(`order-${completedId}`))!.getState()).to.equal(
      'completed',
    );
    expect(await p.h.db.ds.getRepository(JobAudit).count()).to.equal(0);

    await p.h.db.ds.query("UPDATE services SET username = 'bob' WHERE domain = 'two.example.test'");
    panels.cpanel.accounts.set('bob', { ...panels.cpanel.accounts.get('bob')!, plan: 'starter' });
    const retry = await dash('PUT', `/api/queues/provisioning/provision-${failedId}/retry`);
    expect(retry.statusCode, retry.body).to.equal(204);
    await p.h.waitForStatus(failedId, 'completed');
    const audit = await p.h.db.ds.getRepository(JobAudit).find();
    expect(audit.map((a) => [a.who, a.action, a.queue, a.jobId])).to.deep.equal([
      ['dashboard:ops', 'retry', 'provisioning', `provision-${failedId}`],
    ]);
  });

  it('serves Prometheus metrics: queue depths, job durations, panel latency and errors by server, emails', async () => {
    const res = await api.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    const value = (pattern: string) => {
      const line = text.split('\n').find((l) => l.startsWith(pattern));
      expect(line, pattern).to.not.equal(undefined);
      return Number(line!.slice(line!.lastIndexOf(' ') + 1));
    };
    expect(value('upshift_queue_depth_up ')).to.equal(1);
    expect(value('upshift_queue_jobs{queue="upgrade-orders",state="completed"}')).to.be.at.least(2);
    expect(value('upshift_queue_jobs{queue="provisioning",state="waiting"}')).to.equal(0);
    expect(value('upshift_job_duration_seconds_count{queue="upgrade-orders",outcome="completed"}')).to.be.at.least(2);
    expect(value('upshift_job_duration_seconds_count{queue="provisioning",outcome="failed"}')).to.be.at.least(1);
    expect(
      value(`upshift_panel_call_duration_seconds_count{server="${p.serverId}",action="changepackage",outcome="ok"}`),
    ).to.be.at.least(1);
    expect(value(`upshift_panel_call_errors_total{server="${p.serverId}",action="accountsummary"}`)).to.be.at.least(1);
    expect(value('upshift_emails_total{template="upgrade-completed",result="sent"}')).to.be.at.least(1);
    expect(text).to.include('upshift_process_resident_memory_bytes');
  });
});
