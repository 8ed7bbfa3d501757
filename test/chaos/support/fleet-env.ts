import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../../../src/app/app-context.js';
import { Runtime } from '../../../src/cli/runtime.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { dropDatabase } from '../../../src/db/data-source.js';
import { createLogger } from '../../../src/observability/logger.js';
import { createRedis, deleteKeysUnder } from '../../../src/queues/redis-connection.js';
import { queueKeyPrefix } from '../../../src/queues/redis-url.js';
import { TEST_REDIS_URL } from '../../support/pipeline-harness.js';
import { freshDatabaseUrl } from '../../support/test-database.js';
import { FakeWhmFarm } from './fake-whm-farm.js';
import { seedUpgradeCatalog, type FleetCatalog } from './upgrade-catalog.js';
import { WorkerFleet } from './worker-fleet.js';

/** Options of {@link FleetEnv.start}. */
export interface FleetEnvOptions {
  /** Part of the database name (`upshift_<tag>_<random>`). */
  tag: string;
  /** Services (one client and one WHM account each) to seed. */
  services: number;
  /** Fake WHM servers. @defaultValue 1 */
  servers?: number;
  /** `maxConcurrency` of every server. @defaultValue 4 */
  maxConcurrency?: number;
  /** Time each ChangePackage write takes on the fakes. @defaultValue 0 */
  changeLatencyMs?: number;
  /** @defaultValue TEST_REDIS_URL */
  redisUrl?: string;
  /** LOG_LEVEL of the worker processes. @defaultValue 'warn' */
  logLevel?: string;
  /** `upshift start` arguments of the worker processes. @defaultValue ['--workers', 'all'] */
  workerArgs?: string[];
  /** Extra `node` flags of the worker processes. */
  nodeArgs?: string[];
  /** Extra environment of the worker processes. */
  env?: Record<string, string>;
  /** Sees every line the worker processes print. */
  onWorkerLine?: (line: string, pid: number) => void;
}

/**
 * Everything one load or fault run needs, isolated from anything else on the machine: a fresh database, a unique
 * queue prefix, an outbox folder, fake WHM servers with one account per service, the catalog, a `Runtime` in this
 * process (the driver's use cases and the audit's queries) and a fleet of `upshift start` worker processes with the
 * same environment (not started yet: call `workers.start(n)`). `close()` removes all of it.
 */
export class FleetEnv {
  private constructor(
    readonly env: Record<string, string>,
    readonly runtime: Runtime,
    readonly farm: FakeWhmFarm,
    readonly catalog: FleetCatalog,
    readonly workers: WorkerFleet,
    readonly outboxDir: string,
  ) {}

  static async start(opts: FleetEnvOptions): Promise<FleetEnv> {
    const outboxDir = await mkdtemp(join(tmpdir(), `upshift-${opts.tag}-outbox-`));
    const env: Record<string, string> = {
      DATABASE_URL: freshDatabaseUrl(opts.tag),
      REDIS_URL: opts.redisUrl ?? TEST_REDIS_URL,
      QUEUE_PREFIX: `${opts.tag.slice(0, 8)}${randomBytes(5).toString('hex')}`,
      SECRETS_KEY: randomBytes(32).toString('hex'),
      MAIL_TRANSPORT: 'outbox',
      OUTBOX_DIR: outboxDir,
      LOG_LEVEL: opts.logLevel ?? 'warn',
      METRICS_PORT: '0', // several worker processes on one machine: no probe port each
      API_TOKENS: `fleet-${randomBytes(12).toString('hex')}`,
      ...opts.env,
    };
    const runtime = await Runtime.open(loadConfig({ ...process.env, ...env }), { log: createLogger('silent') });
    // The producer's queues report Redis outages as 'error' events; the scenarios cause those on purpose.
    for (const queue of runtime.producer.allQueues()) queue.on('error', () => undefined);
    const users = Array.from({ length: opts.services }, (_, i) => `u${String(i + 1).padStart(6, '0')}`);
    const farm = await FakeWhmFarm.start({ servers: opts.servers, users, changeLatencyMs: opts.changeLatencyMs });
    const catalog = await seedUpgradeCatalog(runtime.ctx, farm, users, { maxConcurrency: opts.maxConcurrency });
    const workers = new WorkerFleet({ env, args: opts.workerArgs, nodeArgs: opts.nodeArgs, onLine: opts.onWorkerLine });
    return new FleetEnv(env, runtime, farm, catalog, workers, outboxDir);
  }

  get ctx(): AppContext {
    return this.runtime.ctx;
  }

  get token(): string {
    return this.env.API_TOKENS;
  }

  /** Waits until at least `count` worker processes have registered a worker on every queue they consume. */
  async waitForWorkers(count: number, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    const queue = this.runtime.producer.queue('email');
    while (Date.now() < until) {
      if ((await queue.getWorkersCount().catch(() => 0)) >= count) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(
      `${count} worker processes did not start within ${timeoutMs} ms:\n${this.workers.log.slice(-20).join('\n')}`,
    );
  }

  /** True when no job of the pipeline's queues is waiting, active or delayed (the scheduler's own jobs aside). */
  async queuesIdle(): Promise<boolean> {
    const queues = this.runtime.producer.allQueues().filter((q) => q.name !== 'scheduler');
    const counts = await Promise.all(
      queues.map((q) =>
        q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children').catch(() => ({ error: 1 })),
      ),
    );
    return counts.every((c) => Object.values(c).every((n) => n === 0));
  }

  /** Waits until {@link queuesIdle} (at most `timeoutMs`); returns whether it got there. */
  async waitForIdle(timeoutMs = 60_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (await this.queuesIdle()) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }

  /** Stops the workers, the API (if started) and the fakes; deletes the queues, the database and the outbox. */
  async close(): Promise<void> {
    await this.workers.stop();
    await this.farm.close();
    const redis = createRedis(this.env.REDIS_URL, 'producer'); // any REDIS_URL form: Sentinel, Cluster
    try {
      await deleteKeysUnder(redis, queueKeyPrefix(this.env.REDIS_URL, this.env.QUEUE_PREFIX));
    } finally {
      redis.disconnect();
    }
    await this.runtime.close(5_000);
    await dropDatabase(this.env.DATABASE_URL);
    await rm(this.outboxDir, { recursive: true, force: true });
  }
}
