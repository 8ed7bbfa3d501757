import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { jobOptions } from '../../src/queues/job-options.js';
import { CpuMeter, pidOf } from './cpu-meter.js';

/** Options of {@link runBullmqBaseline}. */
export interface BaselineOptions {
  redisUrl: string;
  /** Chains to run. */
  chains: number;
  /** Worker concurrency per queue (Upshift's default is 10). @defaultValue 10 */
  concurrency?: number;
}

/** What the baseline measured. */
export interface BaselineResult {
  chains: number;
  seconds: number;
  chainsPerSecond: number;
  jobsPerSecond: number;
  /** CPU per chain (this process and redis-server), ms. */
  cpuMsPerChain: number;
}

const STEPS = 4;

/**
 * The yardstick of the end-to-end figure: a bare BullMQ chain of four no-op jobs on the same Redis, one worker per
 * queue in this process. Each job adds the next one before it completes, with a deterministic id and Upshift's
 * retention and retry options — exactly what an Upshift step does around its use case, minus the use case.
 * Chains/s is then the most Upshift could do if its steps cost nothing.
 */
export async function runBullmqBaseline(opts: BaselineOptions): Promise<BaselineResult> {
  const prefix = `bb${randomBytes(5).toString('hex')}`;
  const connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  const names = Array.from({ length: STEPS }, (_, i) => `step-${i + 1}`);
  const queues = names.map((name) => new Queue(name, { connection, prefix }));
  const options = jobOptions['invoice-paid'];
  let finished = 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const workers = names.map(
    (name, step) =>
      new Worker(
        name,
        async (job) => {
          const next = queues[step + 1];
          if (next)
            await next.add(names[step + 1], job.data, {
              ...options,
              jobId: `c${(job.data as { chain: number }).chain}-${step + 2}`,
            });
          return null;
        },
        { connection, prefix, concurrency: opts.concurrency ?? 10 },
      ),
  );
  workers[STEPS - 1].on('completed', () => {
    if (++finished === opts.chains) resolveDone();
  });
  try {
    await Promise.all(workers.map((w) => w.waitUntilReady()));
    const redisPid = pidOf('redis-server');
    const meter = new CpuMeter({ bench: process.pid, ...(redisPid ? { redis: redisPid } : {}) });
    const started = performance.now();
    const batch = 500;
    for (let i = 0; i < opts.chains; i += batch) {
      const jobs = Array.from({ length: Math.min(batch, opts.chains - i) }, (_, k) => ({
        name: names[0],
        data: { chain: i + k },
        opts: { ...options, jobId: `c${i + k}-1` },
      }));
      await queues[0].addBulk(jobs);
    }
    await done;
    const seconds = (performance.now() - started) / 1000;
    const cpu = Object.values(meter.stop().byProcess).reduce((a, b) => a + b, 0);
    return {
      chains: opts.chains,
      seconds,
      chainsPerSecond: opts.chains / seconds,
      jobsPerSecond: (opts.chains * STEPS) / seconds,
      cpuMsPerChain: (1000 * cpu) / opts.chains,
    };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(queues.map((q) => q.obliterate({ force: true }).then(() => q.close())));
    connection.disconnect();
  }
}
