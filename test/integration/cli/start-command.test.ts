import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../../../src/config/package-root.js';
import { dropDatabase } from '../../../src/db/data-source.js';
import { JobProducer } from '../../../src/queues/job-producer.js';
import { createRedis } from '../../../src/queues/redis-connection.js';
import { TEST_REDIS_URL } from '../../support/pipeline-harness.js';
import { freshDatabaseUrl } from '../../support/test-database.js';

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});

describe('upshift start (a real process: API + workers, SIGTERM)', () => {
  const url = freshDatabaseUrl('start');
  let child: ChildProcess;
  let output = '';
  let port: number;
  const prefix = `t${randomBytes(4).toString('hex')}`;
  after(async () => {
    child?.kill('SIGKILL');
    await dropDatabase(url);
    const redis = createRedis(TEST_REDIS_URL, 'producer');
    const producer = new JobProducer(redis, { prefix });
    await Promise.all(producer.allQueues().map((q) => q.obliterate({ force: true })));
    await producer.close();
    redis.disconnect();
  });

  it('creates and migrates the database, serves /health and /ready, and exits 0 on SIGTERM', async () => {
    port = await freePort();
    child = spawn(process.execPath, [join(packageRoot(), 'bin', 'upshift.js'), 'start', '--shutdown-timeout', '5'], {
      env: { ...process.env, DATABASE_URL: url, API_PORT: String(port), QUEUE_PREFIX: prefix, API_TOKENS: 'start-test-token-0123456789', LOG_LEVEL: 'info' },
    });
    child.stdout!.on('data', (d) => { output += String(d); });
    child.stderr!.on('data', (d) => { output += String(d); });
    const until = Date.now() + 20_000;
    let ready: Response | null = null;
    while (Date.now() < until) {
      ready = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => null);
      if (ready) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready, output).to.not.equal(null);
    expect(ready!.status).to.equal(200);
    expect(await ready!.json()).to.deep.equal({ status: 'ready', checks: { database: true, redis: true } });
    const unauthorized = await fetch(`http://127.0.0.1:${port}/v1/clients/1`);
    expect(unauthorized.status).to.equal(401);

    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).to.equal(0);
    const lines = output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; inTime?: boolean });
    expect(lines.map((l) => l.msg)).to.include.members(['upshift started', 'shutting down: no new requests or jobs', 'shutdown complete']);
  });

  it('a workers-only process serves /health, /ready and /metrics on METRICS_PORT', async () => {
    const metricsPort = await freePort();
    const worker = spawn(process.execPath, [join(packageRoot(), 'bin', 'upshift.js'), 'start', '--workers', 'all', '--shutdown-timeout', '5'], {
      env: { ...process.env, DATABASE_URL: url, METRICS_PORT: String(metricsPort), QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn' },
    });
    try {
      const until = Date.now() + 20_000;
      let ready: Response | null = null;
      while (!ready && Date.now() < until) {
        ready = await fetch(`http://127.0.0.1:${metricsPort}/ready`).catch(() => null);
        if (!ready) await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready?.status).to.equal(200);
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(metrics).to.match(/^upshift_queue_depth_up 1$/m);
      expect(metrics).to.match(/^upshift_queue_jobs\{queue="provisioning",state="failed"\} 0$/m);
      expect((await fetch(`http://127.0.0.1:${metricsPort}/v1/clients/1`)).status).to.equal(404); // no API here
      const exit = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
      worker.kill('SIGTERM');
      expect(await exit).to.equal(0);
    } finally {
      worker.kill('SIGKILL');
    }
  });
});
