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

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
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
      env: {
        ...process.env,
        DATABASE_URL: url,
        API_PORT: String(port),
        QUEUE_PREFIX: prefix,
        API_TOKENS: 'start-test-token-0123456789',
        LOG_LEVEL: 'info',
      },
    });
    child.stdout!.on('data', (d) => {
      output += String(d);
    });
    child.stderr!.on('data', (d) => {
      output += String(d);
    });
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
    const lines = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; inTime?: boolean });
    expect(lines.map((l) => l.msg)).to.include.members([
      'upshift started',
      'shutting down: no new requests or jobs',
      'shutdown complete',
    ]);
    // With tokens: no warning, and one line saying where everything is.
    expect(lines.filter((l) => l.msg.startsWith('API_TOKENS is empty'))).to.deep.equal([]);
    expect(lines.map((l) => l.msg)).to.include(
      `upshift API ready: api http://127.0.0.1:${port}, docs http://127.0.0.1:${port}/docs, metrics http://127.0.0.1:${port}/metrics`,
    );
  });

  /** Runs `upshift start --api` until /ready answers, then SIGTERM; returns everything it printed. */
  async function runApiOnly(
    env: Record<string, string>,
  ): Promise<{ output: string; stdout: string; port: number; unauthorizedStatus: number }> {
    const apiPort = await freePort();
    const proc = spawn(
      process.execPath,
      [join(packageRoot(), 'bin', 'upshift.js'), 'start', '--api', '--shutdown-timeout', '5'],
      {
        env: {
          ...process.env,
          DATABASE_URL: url,
          API_PORT: String(apiPort),
          QUEUE_PREFIX: prefix,
          LOG_LEVEL: 'info',
          API_TOKENS: '',
          LOG_FORMAT: '',
          ...env,
        },
      },
    );
    let printed = '';
    let stdout = '';
    proc.stdout.on('data', (d) => {
      printed += String(d);
      stdout += String(d);
    });
    proc.stderr.on('data', (d) => {
      printed += String(d);
    });
    try {
      const until = Date.now() + 20_000;
      let ready: Response | null = null;
      while (!ready && Date.now() < until) {
        ready = await fetch(`http://127.0.0.1:${apiPort}/ready`).catch(() => null);
        if (!ready) await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready?.status, printed).to.equal(200);
      const unauthorizedStatus = (
        await fetch(`http://127.0.0.1:${apiPort}/v1/clients/1`, {
          headers: { authorization: 'Bearer anything-0123456789' },
        })
      ).status;
      const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
      proc.kill('SIGTERM');
      expect(await exit).to.equal(0);
      return { output: printed, stdout, port: apiPort, unauthorizedStatus };
    } finally {
      proc.kill('SIGKILL');
    }
  }

  it('without API_TOKENS: one JSON warning line saying every request is 401, and where the API, /docs and /metrics are', async () => {
    const run = await runApiOnly({}); // stdout is a pipe here: JSON lines
    expect(run.unauthorizedStatus).to.equal(401);
    const lines = run.stdout.split('\n').filter((l) => l.trim() !== '');
    expect(
      lines.every((l) => l.startsWith('{')),
      run.stdout,
    ).to.equal(true);
    const parsed = lines.map(
      (l) => JSON.parse(l) as { level: number; msg: string; variable?: string; urls?: Record<string, string> },
    );
    const warnings = parsed.filter((l) => l.level === 40);
    expect(warnings.map((w) => [w.variable, w.msg.split(':')[0]])).to.deep.equal([
      ['API_TOKENS', 'API_TOKENS is empty'],
    ]);
    expect(warnings[0].msg).to.contain('every /v1 request will be answered 401');
    const where = parsed.find((l) => l.urls);
    expect(where?.urls).to.deep.equal({
      api: `http://127.0.0.1:${run.port}`,
      docs: `http://127.0.0.1:${run.port}/docs`,
      metrics: `http://127.0.0.1:${run.port}/metrics`,
    });
  });

  it('LOG_FORMAT=pretty: readable lines (pino-pretty), the warning and the URLs among them', async () => {
    const run = await runApiOnly({ LOG_FORMAT: 'pretty', DASHBOARD_PASSWORD: 'dash-pass-123' });
    const lines = run.output.split('\n').filter((l) => l.trim() !== '');
    expect(
      lines.some((l) => l.startsWith('{')),
      run.output,
    ).to.equal(false);
    expect(
      lines.find((l) => l.includes('API_TOKENS is empty')),
      run.output,
    ).to.match(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: API_TOKENS is empty/);
    expect(run.output).to.contain(
      `upshift API ready: api http://127.0.0.1:${run.port}, docs http://127.0.0.1:${run.port}/docs, dashboard http://127.0.0.1:${run.port}/admin/queues, metrics http://127.0.0.1:${run.port}/metrics`,
    );
    expect(run.output).to.contain('INFO: shutdown complete');
    expect(run.output).to.not.contain('dash-pass-123');
  });

  it('a workers-only process serves /health, /ready and /metrics on METRICS_PORT', async () => {
    const metricsPort = await freePort();
    const worker = spawn(
      process.execPath,
      [join(packageRoot(), 'bin', 'upshift.js'), 'start', '--workers', 'all', '--shutdown-timeout', '5'],
      {
        env: {
          ...process.env,
          DATABASE_URL: url,
          METRICS_PORT: String(metricsPort),
          QUEUE_PREFIX: prefix,
          LOG_LEVEL: 'warn',
        },
      },
    );
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
