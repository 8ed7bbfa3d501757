import type { FastifyInstance } from 'fastify';
import type { DataSource } from 'typeorm';
import type { AppContext } from '../app/app-context.js';
import { systemClock, type Clock } from '../app/clock.js';
import { createNotificationDeps } from '../app/notifications/create-notification-deps.js';
import type { NotificationDeps } from '../app/notifications/notification-deps.js';
import type { ProvisioningDeps } from '../app/provisioning/provisioning-deps.js';
import { buildProbeServer } from '../api/build-probe-server.js';
import { buildApiServer, type BuildApiServerOptions } from '../api/build-api-server.js';
import type { UpshiftConfig } from '../config/config.js';
import { openMigratedDataSource } from '../db/data-source.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { SecretBox, ServerLimiter } from '../panels/index.js';
import { JobProducer } from '../queues/job-producer.js';
import type { QueueName } from '../queues/queue-names.js';
import { createRedis, type RedisClient } from '../queues/redis-connection.js';
import { queueKeyPrefix } from '../queues/redis-url.js';
import { startWorkers, type StartWorkersOptions } from '../../workers/start-workers.js';
import type { WorkerPool } from '../../workers/worker-pool.js';

/** Options of {@link Runtime.open}. */
export interface RuntimeOptions {
  /** @defaultValue a logger at `config.logLevel` in `config.logFormat` */
  log?: Logger;
  /** @defaultValue the system clock in `config.billingTz` */
  clock?: Clock;
}

/**
 * The composition root of one Upshift process: database (created and migrated if needed), Redis connections,
 * the job producer and the app context; it starts the API and/or workers and shuts them down in order.
 * `upshift start` and `upshift demo` both run on it.
 */
export class Runtime {
  private workerRedis: RedisClient | null = null;
  private notificationDeps: NotificationDeps | null = null;
  private api: FastifyInstance | null = null;
  private probes: FastifyInstance | null = null;
  private pool: WorkerPool | null = null;

  private constructor(
    readonly ctx: AppContext,
    readonly producer: JobProducer,
    private readonly producerRedis: RedisClient,
  ) {}

  static async open(configIn: UpshiftConfig, opts: RuntimeOptions = {}): Promise<Runtime> {
    const config = { ...configIn, queuePrefix: queueKeyPrefix(configIn.redisUrl, configIn.queuePrefix) }; // {prefix} in a Redis Cluster
    const log = opts.log ?? createLogger(config.logLevel, 'upshift', 'stdout', config.logFormat);
    const ds: DataSource = await openMigratedDataSource(config.databaseUrl);
    const producerRedis = createRedis(config.redisUrl, 'producer');
    const producer = new JobProducer(producerRedis, { prefix: config.queuePrefix });
    const ctx: AppContext = {
      ds,
      config,
      jobs: producer,
      log,
      secrets: new SecretBox(config.secretsKeys, config.secretsKeyId),
      clock: opts.clock ?? systemClock(config.billingTz),
    };
    return new Runtime(ctx, producer, producerRedis);
  }

  get notifications(): NotificationDeps {
    this.notificationDeps ??= createNotificationDeps(this.ctx.ds, this.ctx.config);
    return this.notificationDeps;
  }

  /** Whether the database and Redis answer (`GET /ready`). */
  async readiness(): Promise<Record<string, boolean>> {
    const [database, redis] = await Promise.all([
      this.ctx.ds.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      this.producerRedis.ping().then(
        (r) => r === 'PONG',
        () => false,
      ),
    ]);
    return { database, redis };
  }

  /**
   * Builds the HTTP API, with `/metrics` over every queue and the retry dashboard when DASHBOARD_PASSWORD is set,
   * and listens on `config.apiHost:apiPort` (port 0: a free one).
   */
  async startApi(opts: Partial<BuildApiServerOptions> & { port?: number } = {}): Promise<FastifyInstance> {
    this.api = await buildApiServer(this.ctx, {
      readiness: () => this.readiness(),
      queues: this.producer.allQueues(),
      ...opts,
    });
    await this.api.listen({ host: this.ctx.config.apiHost, port: opts.port ?? this.ctx.config.apiPort });
    return this.api;
  }

  /** Serves `/health`, `/ready` and `/metrics` on `config.metricsPort` (a workers-only process has no API). */
  async startProbes(port = this.ctx.config.metricsPort): Promise<FastifyInstance> {
    this.probes = buildProbeServer(() => this.readiness(), this.producer.allQueues());
    await this.probes.listen({ host: this.ctx.config.apiHost, port });
    return this.probes;
  }

  /** Starts workers for `queues` in this process. */
  async startWorkers(
    queues: readonly QueueName[],
    opts: Partial<StartWorkersOptions> & { provisioning?: Partial<ProvisioningDeps> } = {},
  ): Promise<WorkerPool> {
    this.workerRedis ??= createRedis(this.ctx.config.redisUrl, 'worker');
    const provisioning: ProvisioningDeps = {
      limiter: new ServerLimiter(this.producerRedis, { prefix: this.ctx.config.queuePrefix }),
      ...opts.provisioning,
    };
    this.pool = await startWorkers(this.ctx, {
      ...opts,
      queues,
      connection: this.workerRedis,
      prefix: this.ctx.config.queuePrefix,
      notifications: this.notifications,
      provisioning,
    });
    return this.pool;
  }

  /**
   * Graceful shutdown (DESIGN §7): stop accepting requests and jobs, let running jobs finish until
   * `deadlineMs`, then release the rest (their abort signal fires; they fail this attempt and are retried by any
   * worker, every step being idempotent), close connections.
   * @returns true when every running job finished in time
   */
  async close(deadlineMs = 25_000): Promise<boolean> {
    await this.api?.close();
    await this.probes?.close();
    const inTime = this.pool ? await this.pool.close(deadlineMs) : true;
    await this.notificationDeps?.transport.close();
    await this.producer.close();
    this.producerRedis.disconnect();
    this.workerRedis?.disconnect();
    if (this.ctx.ds.isInitialized) await this.ctx.ds.destroy();
    return inTime;
  }
}
