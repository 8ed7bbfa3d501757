import { Worker, type WorkerOptions } from 'bullmq';
import type { RedisClient } from '../src/queues/redis-connection.js';
import type { AppContext } from '../src/app/app-context.js';
import type { QueueName } from '../src/queues/queue-names.js';
import { RETRY_POLICIES } from '../src/queues/retry-policies.js';
import { backoffStrategy } from './bullmq-retry.js';
import type { Processor } from './processor.js';

/** Options of {@link WorkerPool}. */
export interface WorkerPoolOptions {
  /** BullMQ key prefix. @defaultValue ctx.config.queuePrefix */
  prefix?: string;
  /**
   * Jobs one process runs at once per queue. @defaultValue 10; provisioning 50 (panel calls wait on the network,
   * and one process should fill every server's `maxConcurrency` slots: 20 servers × 2 is already 40)
   */
  concurrency?: Partial<Record<QueueName, number>>;
  /** Extra BullMQ worker settings per queue (tests scale the backoff down with `settings.backoffStrategy`). @defaultValue none */
  workerOptions?: Partial<Record<QueueName, Partial<WorkerOptions>>>;
}

/** A timer that does not keep the process alive. */
const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

const DEFAULT_CONCURRENCY: Record<QueueName, number> = {
  'upgrade-orders': 10,
  'invoice-paid': 10,
  provisioning: 50,
  email: 10,
  webhooks: 10,
  scheduler: 1,
};

/**
 * How many times a job may stall (its worker died or lost Redis mid-job, so its lock expired) and be put back to
 * `wait` before BullMQ fails it for good. BullMQ's default is 1 ("stalled jobs should be a rare occurrence, but you can
 * increase this number if needed": docs.bullmq.io, guide/jobs/stalled); its documentation's example of raising it uses
 * 3, which we take. Our jobs are long by BullMQ's measure — a provisioning job waits on a panel for up to a minute, an
 * email claim for seconds — and deploys and kills come in runs, so a job killed twice in a row is not exotic; with 1
 * it failed for good and its upgrade sat until the healing sweep. A stall only re-runs a step, which re-checks the
 * database first, so a higher count cannot do anything twice; it stays finite so a job that kills its worker every
 * time (a poison payload) still ends in `failed`, where ops see it and the healing sweep reports it to staff.
 */
export const MAX_STALLED_COUNT = 3;

/**
 * The BullMQ workers of one process. Graceful shutdown: stop taking jobs, let running ones finish until the
 * deadline, then force-close (a forced job becomes stalled and is re-run elsewhere; every step is idempotent).
 */
export class WorkerPool {
  readonly workers: Worker[] = [];

  constructor(
    private readonly ctx: AppContext,
    private readonly connection: RedisClient,
    private readonly opts: WorkerPoolOptions = {},
  ) {}

  start(queue: QueueName, processor: Processor): Worker {
    const worker = new Worker(queue, processor, {
      connection: this.connection,
      prefix: this.opts.prefix ?? this.ctx.config.queuePrefix,
      concurrency: this.opts.concurrency?.[queue] ?? DEFAULT_CONCURRENCY[queue],
      maxStalledCount: MAX_STALLED_COUNT,
      // Every queue's delays come from its retry policy and the failure's advice (workers/bullmq-retry.ts).
      settings: { backoffStrategy: backoffStrategy(RETRY_POLICIES[queue]) },
      ...this.opts.workerOptions?.[queue],
    });
    worker.on('error', (err) => this.ctx.log.error({ queue, err: err.message }, 'worker error'));
    this.workers.push(worker);
    return worker;
  }

  /**
   * Closes every worker: no new jobs; running ones may finish until `deadlineMs`. At the deadline they get their
   * abort signal (panel calls and webhooks stop, the attempt fails and is retried later, by any process), and
   * close waits at most `abortGraceMs` more. BullMQ's `close(true)` after a graceful `close()` only awaits that
   * same close, so the abort signal is what really releases a job stuck on a slow panel.
   * @returns true when every running job finished before the deadline
   */
  async close(deadlineMs = 25_000, abortGraceMs = 5_000): Promise<boolean> {
    const graceful = Promise.all(this.workers.map((w) => w.close())).then(() => true);
    const inTime = await Promise.race([graceful, sleep(deadlineMs).then(() => false)]);
    if (!inTime) {
      this.workers.forEach((w) => w.cancelAllJobs('shutdown deadline reached'));
      await Promise.race([graceful, sleep(abortGraceMs)]);
    }
    return inTime;
  }
}
