import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ChangePackageResult } from '../../../../src/panels/change-package.js';
import { createPanelAdapter } from '../../../../src/panels/create-panel-adapter.js';
import { MemoryPanelCallRecorder } from '../../../../src/panels/memory-panel-call-recorder.js';
import type { PanelLogger } from '../../../../src/panels/panel-logger.js';
import type { PanelServerConfig } from '../../../../src/panels/panel-server-config.js';
import { ServerLimiter } from '../../../../src/panels/server-limiter.js';
import { BACKOFF_TYPE } from '../../../../src/queues/job-options.js';
import { RETRY_POLICIES, type RetryPolicy } from '../../../../src/queues/retry-policies.js';
import { backoffStrategy } from '../../../../workers/bullmq-retry.js';
import { panelJobProcessor, type KnownServer, type PanelJobData } from './panel-job-processor.js';
import { deleteKeysUnder, testRedis, uniquePrefix } from './redis-test-env.js';

/** How a job ended. */
export interface PanelJobOutcome {
  state: 'completed' | 'failed';
  attemptsMade: number;
  returnvalue: ChangePackageResult | null;
  failedReason: string | null;
  data: PanelJobData;
}

/** The retry policy of the tests: the production provisioning policy with short delays. */
export const testRetryPolicy: RetryPolicy = { ...RETRY_POLICIES.provisioning, baseDelayMs: 20, maxDelayMs: 200 };

/** Job options that route a test job's retries through {@link testRetryPolicy} (the worker's backoff strategy). */
export const testJobOptions = { attempts: testRetryPolicy.attempts, backoff: { type: BACKOFF_TYPE } };

/**
 * A BullMQ queue + worker in this process, on a unique prefix, running the shared panel processor with the
 * test retry policy. Records every panel call and every warning.
 */
export class InProcessPanelWorker {
  readonly recorder = new MemoryPanelCallRecorder();
  readonly warnings: Array<{ obj: object; msg: string }> = [];
  readonly prefix = uniquePrefix();
  private readonly servers = new Map<number, KnownServer>();
  private readonly logger: PanelLogger = { warn: (obj, msg) => this.warnings.push({ obj, msg }) };
  private readonly redis: Redis = testRedis();
  private readonly queue: Queue<PanelJobData, ChangePackageResult>;
  private readonly events: QueueEvents;
  private readonly worker: Worker<PanelJobData, ChangePackageResult>;

  constructor() {
    const name = 'provisioning';
    const connection = this.redis;
    this.queue = new Queue(name, { connection, prefix: this.prefix });
    this.events = new QueueEvents(name, { connection, prefix: this.prefix });
    const limiter = new ServerLimiter(this.redis, { prefix: this.prefix });
    this.worker = new Worker(
      name,
      panelJobProcessor(limiter, this.servers, { busyDelayMs: 100, logger: this.logger }, testRetryPolicy),
      {
        connection,
        prefix: this.prefix,
        concurrency: 4,
        settings: { backoffStrategy: backoffStrategy(testRetryPolicy) },
      },
    );
  }

  async ready(): Promise<this> {
    await Promise.all([this.worker.waitUntilReady(), this.events.waitUntilReady(), this.queue.waitUntilReady()]);
    return this;
  }

  /** Makes `config` reachable by id; the adapter records into `recorder` and logs into `warnings`. */
  addServer(config: PanelServerConfig): void {
    this.servers.set(config.id, {
      config,
      adapter: createPanelAdapter(config, this.recorder, { logger: this.logger }),
    });
  }

  /** Enqueues one ChangePackage job and waits until it completes or fails for good. */
  async run(serverId: number, user: string, pkg: string): Promise<PanelJobOutcome> {
    const job = await this.queue.add('change-package', { serverId, user, package: pkg }, testJobOptions);
    await job.waitUntilFinished(this.events, 20_000).catch(() => undefined);
    const done = await Job.fromId<PanelJobData, ChangePackageResult>(this.queue, job.id!);
    if (!done) throw new Error(`job ${job.id} vanished`);
    const state = await done.getState();
    if (state !== 'completed' && state !== 'failed') throw new Error(`job ${job.id} is ${state}, not finished`);
    return {
      state,
      attemptsMade: done.attemptsMade,
      returnvalue: done.returnvalue ?? null,
      failedReason: done.failedReason ?? null,
      data: done.data,
    };
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.events.close();
    await this.queue.obliterate({ force: true });
    await this.queue.close();
    await deleteKeysUnder(this.redis, this.prefix);
    await this.redis.quit();
  }
}
