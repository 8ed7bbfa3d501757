import { Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppContext } from '../src/app/app-context.js';
import type { QueueName } from '../src/queues/queue-names.js';
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
  /** Extra BullMQ worker settings per queue (e.g. the provisioning backoff strategy). */
  workerOptions?: Partial<Record<QueueName, Partial<WorkerOptions>>>;
}

const DEFAULT_CONCURRENCY: Record<QueueName, number> = {
  'upgrade-orders': 10, 'invoice-paid': 10, provisioning: 50, email: 10, webhooks: 10, scheduler: 1,
};

/**
 * The BullMQ workers of one process. Graceful shutdown: stop taking jobs, let running ones finish until the
 * deadline, then force-close (a forced job becomes stalled and is re-run elsewhere; every step is idempotent).
 */
export class WorkerPool {
  readonly workers: Worker[] = [];

  constructor(private readonly ctx: AppContext, private readonly connection: Redis, private readonly opts: WorkerPoolOptions = {}) {}

  start(queue: QueueName, processor: Processor): Worker {
    const worker = new Worker(queue, processor, {
      connection: this.connection,
      prefix: this.opts.prefix ?? this.ctx.config.queuePrefix,
      concurrency: this.opts.concurrency?.[queue] ?? DEFAULT_CONCURRENCY[queue],
      maxStalledCount: 1,
      ...this.opts.workerOptions?.[queue],
    });
    worker.on('error', (err) => this.ctx.log.error({ queue, err: err.message }, 'worker error'));
    this.workers.push(worker);
    return worker;
  }

  /** Closes every worker; after `deadlineMs` the remaining ones are forced. @returns true when all finished in time */
  async close(deadlineMs = 25_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const graceful = Promise.all(this.workers.map((w) => w.close())).then(() => true);
    const deadline = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), deadlineMs); });
    const inTime = await Promise.race([graceful, deadline]);
    clearTimeout(timer);
    if (!inTime) await Promise.all(this.workers.map((w) => w.close(true)));
    return inTime;
  }
}
