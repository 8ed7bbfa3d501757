import type { RedisClient } from '../src/queues/redis-connection.js';
import type { AppContext } from '../src/app/app-context.js';
import type { JobQueues } from '../src/app/ops/job-queues.js';
import type { NotificationDeps } from '../src/app/notifications/notification-deps.js';
import type { ProvisioningDeps } from '../src/app/provisioning/provisioning-deps.js';
import type { SweepOptions } from '../src/app/scheduler/sweeps.js';
import { jobOptions } from '../src/queues/job-options.js';
import { JobProducer } from '../src/queues/job-producer.js';
import { QUEUE_NAMES, type QueueName } from '../src/queues/queue-names.js';
import { emailProcessor } from './email.processor.js';
import { invoicePaidProcessor } from './invoice-paid.processor.js';
import { provisioningProcessor } from './provisioning.processor.js';
import { schedulerProcessor } from './scheduler.processor.js';
import { upgradeOrdersProcessor } from './upgrade-orders.processor.js';
import { webhooksProcessor } from './webhooks.processor.js';
import { WorkerPool, type WorkerPoolOptions } from './worker-pool.js';

/** Options of {@link startWorkers}. */
export interface StartWorkersOptions extends WorkerPoolOptions {
  /** Queues this process consumes. @defaultValue all of them */
  queues?: readonly QueueName[];
  /** A Redis connection with `maxRetriesPerRequest: null`. */
  connection: RedisClient;
  notifications: NotificationDeps;
  provisioning: ProvisioningDeps;
  /** Sweep settings; `everyMs` is how often each sweep runs. @defaultValue everyMs 60000 */
  sweeps?: SweepOptions & { everyMs?: number };
}

/**
 * Starts this process's workers (DESIGN §7 `upshift start --workers`). Any number of processes may run this
 * against the same Redis and MySQL: job ids, row locks and conditional updates keep each step single.
 */
export async function startWorkers(ctx: AppContext, opts: StartWorkersOptions): Promise<WorkerPool> {
  const queues = opts.queues ?? QUEUE_NAMES;
  const pool = new WorkerPool(ctx, opts.connection, opts);
  // The stuck sweep reads job states: through the context's producer when it has queues, else its own on this connection.
  const jobQueues: JobQueues =
    typeof (ctx.jobs as Partial<JobQueues>).queue === 'function'
      ? (ctx.jobs as unknown as JobQueues)
      : new JobProducer(opts.connection, { prefix: opts.prefix ?? ctx.config.queuePrefix });
  const processors = {
    'upgrade-orders': () => upgradeOrdersProcessor(ctx),
    'invoice-paid': () => invoicePaidProcessor(ctx),
    provisioning: () => provisioningProcessor(ctx, opts.provisioning),
    email: () => emailProcessor(ctx, opts.notifications),
    webhooks: () => webhooksProcessor(ctx, opts.notifications),
    scheduler: () => schedulerProcessor(ctx, jobQueues, opts.sweeps),
  } as Partial<Record<QueueName, () => ReturnType<typeof emailProcessor>>>;
  for (const queue of queues) {
    const make = processors[queue];
    if (make) pool.start(queue, make());
  }
  if (queues.includes('scheduler')) {
    const { Queue } = await import('bullmq');
    const scheduler = new Queue('scheduler', {
      connection: opts.connection,
      prefix: opts.prefix ?? ctx.config.queuePrefix,
    });
    for (const sweep of ['due-downgrades', 'expire-orders', 'stuck', 'purge-idempotency-keys'] as const) {
      // Idempotent: every process may upsert the same schedulers.
      await scheduler.upsertJobScheduler(
        `sweep-${sweep}`,
        { every: opts.sweeps?.everyMs ?? 60_000 },
        { name: 'scheduler', data: { sweep }, opts: jobOptions.scheduler },
      );
    }
    // Retention deletes old log rows in small batches; every 10 minutes is plenty (src/app/scheduler/retention-sweep.ts).
    await scheduler.upsertJobScheduler(
      'sweep-retention',
      { every: 600_000 },
      { name: 'scheduler', data: { sweep: 'retention' }, opts: jobOptions.scheduler },
    );
    await scheduler.close();
  }
  return pool;
}
