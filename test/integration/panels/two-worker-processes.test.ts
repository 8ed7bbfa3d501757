import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createFakeCa } from '../../../src/panels/fakes/fake-ca.js';
import { FakeCpanelServer } from '../../../src/panels/fakes/fake-cpanel-server.js';
import { FakeDirectAdminServer } from '../../../src/panels/fakes/fake-directadmin-server.js';
import type { PanelWorkerSettings } from './fixtures/panel-worker.js';
import type { PanelJobData } from './support/panel-job-processor.js';
import { testJobOptions, testRetryPolicy } from './support/in-process-panel-worker.js';
import { waitUntil } from './support/wait-until.js';
import { deleteKeysUnder, redisUrl, testRedis, uniquePrefix } from './support/redis-test-env.js';

const workerScript = fileURLToPath(new URL('./fixtures/panel-worker.js', import.meta.url));

describe('two worker processes: per-server cap across processes, no starvation', function () {
  this.timeout(120_000);
  const slowJobs = 10;
  const fastJobs = 8;
  const prefix = uniquePrefix();
  const queueName = 'provisioning';
  let redis: Redis;
  let queue: Queue<PanelJobData>;
  let slow: FakeCpanelServer;
  let fast: FakeDirectAdminServer;
  const children: ChildProcess[] = [];
  const childErrors: string[] = [];

  before(async () => {
    const ca = await createFakeCa();
    slow = await FakeCpanelServer.start({
      ca,
      accounts: Object.fromEntries(Array.from({ length: slowJobs }, (_, i) => [`slow${i}`, { plan: 'starter' }])),
    });
    fast = await FakeDirectAdminServer.start({
      ca,
      users: Object.fromEntries(Array.from({ length: fastJobs }, (_, i) => [`fast${i}`, { package: 'basic' }])),
    });
    redis = testRedis();
    queue = new Queue(queueName, { connection: redis, prefix });
    const servers = [
      slow.serverConfig({ id: 1, maxConcurrency: 2, timeoutMs: 60_000 }),
      fast.serverConfig({ id: 2, maxConcurrency: 2 }),
    ];
    for (const workerName of ['worker-a', 'worker-b']) {
      const child = spawn(process.execPath, ['--enable-source-maps', workerScript], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      children.push(child);
      child.stderr.on('data', (d: Buffer) => childErrors.push(`${workerName}: ${d.toString()}`));
      const settings: PanelWorkerSettings = {
        redisUrl,
        prefix,
        queueName,
        workerName,
        concurrency: 3,
        busyDelayMs: 200,
        retry: testRetryPolicy,
        servers,
      };
      child.stdin.end(JSON.stringify(settings));
      const [line] = (await Promise.race([
        once(child.stdout, 'data'),
        once(child, 'exit').then(() => [Buffer.from('exited')]),
      ])) as [Buffer];
      expect(line.toString(), childErrors.join('')).to.equal('ready\n');
    }
  });

  after(async () => {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null) return;
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }),
    );
    await queue.obliterate({ force: true });
    await queue.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
    await Promise.all([slow.close(), fast.close()]);
  });

  const completed = async (serverId: number): Promise<number> =>
    (await queue.getJobs(['completed'])).filter((j) => j.data.serverId === serverId).length;

  it("holds the slow server at maxConcurrency 2 while the fast server's jobs all complete", async () => {
    // The slow server holds every request until resumed, then answers each after 400 ms.
    slow.pause();
    slow.faults.add({ kind: 'latency', ms: 400 });
    // Slow jobs first, so they are the ones the workers pick up first.
    for (let i = 0; i < slowJobs; i++)
      await queue.add(
        'change-package',
        { serverId: 1, user: `slow${i}`, package: 'pro' },
        { ...testJobOptions, jobId: `slow-${i}` },
      );
    for (let i = 0; i < fastJobs; i++)
      await queue.add(
        'change-package',
        { serverId: 2, user: `fast${i}`, package: 'gold' },
        { ...testJobOptions, jobId: `fast-${i}` },
      );

    // Six worker slots in all, ten slow jobs: had the slow jobs waited for a server slot inside the worker,
    // they would fill every worker slot and no fast job could run while the slow server is stuck.
    await waitUntil(
      'every fast job completed while the slow server holds two calls',
      async () => (await completed(2)) === fastJobs && slow.inFlight === 2,
      30_000,
    );
    expect(slow.maxInFlight).to.equal(2);
    expect(slow.count('changepackage')).to.equal(0);
    expect(await completed(1)).to.equal(0);
    expect(fast.writeRequests).to.equal(fastJobs);
    expect(fast.maxInFlight).to.be.at.most(2);

    slow.resume();
    await waitUntil('every slow job completed', async () => (await completed(1)) === slowJobs, 60_000);
    expect(slow.maxInFlight).to.equal(2);
    expect(slow.writeRequests).to.equal(slowJobs);
    expect([...slow.accounts.values()].map((a) => a.plan)).to.deep.equal(Array(slowJobs).fill('pro'));
    expect(await queue.getJobCounts('failed', 'delayed', 'waiting', 'active')).to.deep.equal({
      failed: 0,
      delayed: 0,
      waiting: 0,
      active: 0,
    });
    const processedBy = new Set((await queue.getJobs(['completed'])).map((j) => j.processedBy));
    expect([...processedBy].sort()).to.deep.equal(['worker-a', 'worker-b']);
    expect(childErrors).to.deep.equal([]);
  });
});
