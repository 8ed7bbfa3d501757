import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../src/app/app-context.js';
import { fixedClock, type Clock } from '../../src/app/clock.js';
import { createNotificationDeps } from '../../src/app/notifications/create-notification-deps.js';
import type { NotificationDeps } from '../../src/app/notifications/notification-deps.js';
import { buildApiServer } from '../../src/api/build-api-server.js';
import type { PolicyConfig, UpshiftConfig } from '../../src/config/config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { Upgrade } from '../../src/db/entities/index.js';
import type { UpgradeStatus } from '../../src/domain/upgrade-status.js';
import { createLogger } from '../../src/observability/logger.js';
import { JobProducer } from '../../src/queues/job-producer.js';
import type { QueueName } from '../../src/queues/queue-names.js';
import { createRedis, type RedisClient } from '../../src/queues/redis-connection.js';
import { queueKeyPrefix } from '../../src/queues/redis-url.js';
import { startWorkers, type StartWorkersOptions } from '../../workers/start-workers.js';
import type { WorkerPool } from '../../workers/worker-pool.js';
import { SecretBox, ServerLimiter } from '../../src/panels/index.js';
import type { ProvisioningDeps } from '../../src/app/provisioning/provisioning-deps.js';
import { validateResponses } from './openapi-response-validator.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const PIPELINE_TOKEN = 'pipeline-token-0123456789';

export interface PipelineOptions {
  today?: string;
  policy?: Partial<PolicyConfig>;
  config?: Partial<UpshiftConfig>;
  /** Queues with running workers; [] runs none (use cases are then driven by hand). @defaultValue all but scheduler */
  queues?: QueueName[];
  /** Extra worker settings. */
  workers?: Partial<StartWorkersOptions>;
  /** Overrides of the provisioning dependencies (adapter timeouts, attempts). */
  provisioning?: Partial<ProvisioningDeps>;
}

/** A fresh database, a unique queue prefix on the real Redis, the workers and the API: one pipeline per spec file. */
export interface PipelineHarness {
  db: TestDatabase;
  ctx: AppContext;
  producer: JobProducer;
  connection: RedisClient;
  notifications: NotificationDeps;
  provisioning: ProvisioningDeps;
  outboxDir: string;
  app: FastifyInstance;
  pool: WorkerPool | null;
  clock: Clock;
  call(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  /** Polls the database until the upgrade is in `status` (fails after `timeoutMs`, naming the status it is in). */
  waitForStatus(upgradeId: number, status: UpgradeStatus, timeoutMs?: number): Promise<Upgrade>;
  /** Waits until no job is waiting, active or delayed (within `timeoutMs`) in the given queues. */
  drain(queues?: QueueName[], timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startPipeline(opts: PipelineOptions = {}): Promise<PipelineHarness> {
  const db = await createTestDatabase('pipe');
  const prefix = queueKeyPrefix(TEST_REDIS_URL, `t${randomBytes(5).toString('hex')}`); // {t…} on a Redis Cluster
  const outboxDir = await mkdtemp(join(tmpdir(), 'upshift-outbox-'));
  const base = loadConfig({});
  const config: UpshiftConfig = {
    ...base,
    apiTokens: [PIPELINE_TOKEN],
    queuePrefix: prefix,
    outboxDir,
    mailTransport: 'outbox',
    ...opts.config,
    policy: { ...base.policy, ...opts.policy },
  };
  const clock = fixedClock(opts.today ?? '2025-02-10');
  const producerConnection = createRedis(TEST_REDIS_URL, 'producer');
  const connection = createRedis(TEST_REDIS_URL, 'worker');
  const producer = new JobProducer(producerConnection, { prefix });
  const ctx: AppContext = {
    ds: db.ds,
    config,
    jobs: producer,
    secrets: new SecretBox(config.secretsKeys, config.secretsKeyId),
    clock,
    log: createLogger('silent'),
  };
  const provisioning: ProvisioningDeps = {
    limiter: new ServerLimiter(producerConnection, { prefix }),
    adapterOptions: {},
    ...opts.provisioning,
  };
  const notifications = createNotificationDeps(db.ds, config);
  const queues = opts.queues ?? ['upgrade-orders', 'invoice-paid', 'provisioning', 'email', 'webhooks'];
  const pool = queues.length
    ? await startWorkers(ctx, { connection, notifications, provisioning, prefix, queues, ...opts.workers })
    : null;
  const app = await buildApiServer(ctx, { readiness: async () => ({ database: true, redis: true }) });
  await app.ready();
  // Every answer a test receives is checked against the API's own OpenAPI document.
  validateResponses(app);

  const harness: PipelineHarness = {
    db,
    ctx,
    producer,
    connection,
    notifications,
    provisioning,
    outboxDir,
    app,
    pool,
    clock,
    call: (method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${PIPELINE_TOKEN}`, ...headers },
        ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
      }),
    async waitForStatus(upgradeId, status, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      let last: Upgrade | null = null;
      while (Date.now() < until) {
        last = await db.ds.getRepository(Upgrade).findOneBy({ id: upgradeId });
        if (last?.status === status) return last;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(
        `upgrade ${upgradeId} did not reach ${status} within ${timeoutMs} ms; it is ${last?.status ?? 'missing'} (${last?.reason ?? ''})`,
      );
    },
    async drain(names = queues, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const counts = await Promise.all(
          names.map((n) => producer.queue(n).getJobCounts('waiting', 'active', 'delayed', 'prioritized')),
        );
        if (counts.every((c) => Object.values(c).every((v) => v === 0))) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`queues ${names.join(', ')} did not drain within ${timeoutMs} ms`);
    },
    async close() {
      await pool?.close(5_000);
      await app.close();
      await Promise.all(producer.allQueues().map((q) => q.obliterate({ force: true })));
      await producer.close();
      await notifications.transport.close();
      connection.disconnect();
      producerConnection.disconnect();
      await db.drop();
      await rm(outboxDir, { recursive: true, force: true });
    },
  };
  return harness;
}
