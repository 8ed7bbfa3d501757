import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../../src/config/package-root.js';
import { startFakePanels, type FakePanels } from '../../../src/panels/fakes/index.js';
import { startWorkers } from '../../../workers/start-workers.js';
import { TEST_REDIS_URL } from '../../support/pipeline-harness.js';
import { startCpanelPipeline, type CpanelPipeline } from '../../support/cpanel-pipeline.js';

/**
 * `upshift start --workers provisioning` as a real process with a provisioning job running, then SIGTERM: the
 * job finishes within the deadline, or at the deadline it is released (this attempt fails, the job waits for a
 * retry) — either way the process exits 0 and the job is not lost.
 */
describe('graceful shutdown of a worker process with a running job (SIGTERM, MariaDB, Redis, fake WHM)', function () {
  this.timeout(60_000);
  let panels: FakePanels;
  let p: CpanelPipeline;
  let child: ChildProcess | null = null;
  let output = '';
  before(async () => {
    panels = await startFakePanels();
  });
  after(async () => {
    await panels.close();
  });
  beforeEach(async () => {
    output = '';
    p = await startCpanelPipeline(panels, { queues: [] }); // no workers in the test process: only the child runs jobs
  });
  afterEach(async () => {
    panels.cpanel.resume();
    child?.kill('SIGKILL');
    child = null;
    await p.h.close();
  });

  const startWorkerProcess = (shutdownSeconds: number) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: p.h.db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: p.h.ctx.config.queuePrefix,
      LOG_LEVEL: 'info',
      METRICS_PORT: '0',
    };
    delete env.SECRETS_KEY; // the pipeline encrypted the panel secret with the development key
    child = spawn(
      process.execPath,
      [
        join(packageRoot(), 'bin', 'upshift.js'),
        'start',
        '--workers',
        'provisioning',
        '--shutdown-timeout',
        String(shutdownSeconds),
      ],
      { env },
    );
    child.stdout!.on('data', (d) => {
      output += String(d);
    });
    child.stderr!.on('data', (d) => {
      output += String(d);
    });
    return new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  };
  const changePackageJob = async () => {
    const res = await p.h.call('POST', `/v1/services/${p.c.serviceId}/module/change-package`);
    expect(res.statusCode, res.body).to.equal(202);
    return (await p.h.producer.queue('provisioning').getJob(res.json<{ jobId: string }>().jobId))!;
  };
  const waitUntil = async (what: string, check: () => Promise<boolean> | boolean) => {
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}\n${output}`);
  };
  const logMessages = () =>
    output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => (JSON.parse(l) as { msg: string }).msg);

  it('lets the running job finish within the deadline, then exits 0', async () => {
    panels.cpanel.faults.add({ kind: 'latency', ms: 1500, action: 'accountsummary', times: 1 });
    const job = await changePackageJob();
    const exit = startWorkerProcess(20);
    await waitUntil('the job to start', async () => (await job.getState()) === 'active' && panels.cpanel.inFlight > 0);
    child!.kill('SIGTERM');
    expect(await exit).to.equal(0);
    expect(await job.getState()).to.equal('completed');
    expect(logMessages()).to.include.members(['shutting down: no new requests or jobs', 'shutdown complete']);
  });

  it('releases a job stuck on a panel at the deadline (it waits for a retry), exits 0, and the job completes later', async () => {
    panels.cpanel.pause(); // every panel request hangs until resume()
    const job = await changePackageJob();
    const exit = startWorkerProcess(1);
    await waitUntil(
      'the job to hang on the panel',
      async () => (await job.getState()) === 'active' && panels.cpanel.inFlight > 0,
    );
    child!.kill('SIGTERM');
    expect(await exit, output).to.equal(0); // while the panel still holds the request
    expect(logMessages()).to.include('shutdown deadline reached: remaining jobs released');
    const released = await p.h.producer.queue('provisioning').getJob(job.id!);
    expect(await released!.getState()).to.be.oneOf(['delayed', 'waiting']);
    expect(released!.attemptsMade).to.equal(1);

    panels.cpanel.resume();
    await released!.promote().catch(() => undefined); // skip the backoff
    const pool = await startWorkers(p.h.ctx, {
      connection: p.h.connection,
      prefix: p.h.ctx.config.queuePrefix,
      queues: ['provisioning'],
      notifications: p.h.notifications,
      provisioning: p.h.provisioning,
    });
    try {
      await waitUntil('the released job to complete', async () => (await released!.getState()) === 'completed');
    } finally {
      await pool.close(5_000);
    }
  });
});
