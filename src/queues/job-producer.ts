import { Queue } from 'bullmq';
import type { EnqueueOptions } from './enqueue-options.js';
import type { RedisClient } from './redis-connection.js';
import { jobIdFor } from './job-ids.js';
import { jobOptions } from './job-options.js';
import { parseJobPayload, type JobPayload } from './job-payloads.js';
import { QUEUE_NAMES, type QueueName } from './queue-names.js';

/** Options of {@link JobProducer}. */
export interface JobProducerOptions {
  /** BullMQ key prefix. @defaultValue `upshift` */
  prefix?: string;
}

/**
 * Adds jobs to Upshift's queues with validated payloads and deterministic ids. Call it only after the
 * transaction that made the job necessary has committed (DESIGN §2).
 */
export class JobProducer {
  private readonly queues = new Map<QueueName, Queue>();
  readonly prefix: string;

  constructor(
    private readonly connection: RedisClient,
    opts: JobProducerOptions = {},
  ) {
    this.prefix = opts.prefix ?? 'upshift';
  }

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, q);
    }
    return q;
  }

  allQueues(): Queue[] {
    return QUEUE_NAMES.map((n) => this.queue(n));
  }

  /** Enqueues one job; returns its id. A job with the same id that is still kept makes this a no-op. */
  async enqueue<Q extends QueueName>(name: Q, payload: JobPayload<Q>, opts: EnqueueOptions = {}): Promise<string> {
    const data = parseJobPayload(name, payload);
    const jobId = opts.jobId ?? jobIdFor(name, data);
    const queue = this.queue(name);
    if (opts.replaceCompleted) {
      const existing = await queue.getJob(jobId);
      if (existing && (await existing.isCompleted())) await existing.remove();
    }
    await queue.add(name, data, { ...jobOptions[name], jobId, delay: opts.delayMs });
    return jobId;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
