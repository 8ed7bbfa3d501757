import type { DataSource } from 'typeorm';
import type { WorkerFleet } from '../../test/chaos/support/worker-fleet.js';

/** Resident memory of the worker processes (summed) and of this process, against progress. */
export interface MemorySample {
  /** Seconds since the sampler started. */
  t: number;
  completed: number;
  workersRss: number;
  driverRss: number;
}

/** Worker RSS at points of the run, and how much it grew after warm-up. */
export interface MemoryStats {
  samples: MemorySample[];
  /** Worker RSS (bytes) when 10%, 25%, 50%, 75% and 100% of the upgrades had completed. */
  workersAt: Record<'10%' | '25%' | '50%' | '75%' | '100%', number>;
  /** Highest worker RSS after warm-up (10% completed) over the RSS at warm-up, e.g. 1.05 = 5% growth. */
  growthAfterWarmup: number;
}

/** Samples memory and the number of completed upgrades every `everyMs`. */
export class MemorySampler {
  private readonly samples: MemorySample[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly started = performance.now();
  private busy = false;

  /** Counts the upgrades with an id above `sinceId` (this run's). */
  constructor(private readonly ds: DataSource, private readonly workers: WorkerFleet, private readonly sinceId = 0, everyMs = 1_000) {
    this.timer = setInterval(() => void this.sample(), everyMs);
  }

  async stop(total: number): Promise<MemoryStats> {
    clearInterval(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 10));
    await this.sample();
    const at = (share: number) => (this.samples.find((s) => s.completed >= share * total) ?? this.samples[this.samples.length - 1]!).workersRss;
    const warm = this.samples.findIndex((s) => s.completed >= 0.1 * total);
    const after = this.samples.slice(Math.max(0, warm)).map((s) => s.workersRss);
    return {
      samples: this.samples,
      workersAt: { '10%': at(0.1), '25%': at(0.25), '50%': at(0.5), '75%': at(0.75), '100%': at(1) },
      growthAfterWarmup: Math.max(...after) / Math.max(1, at(0.1)),
    };
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const [row] = await this.ds.query(`SELECT COUNT(*) AS n FROM upgrades WHERE status = 'completed' AND id > ?`, [this.sinceId]) as Array<{ n: string | number }>;
      this.samples.push({
        t: (performance.now() - this.started) / 1000,
        completed: Number(row?.n ?? 0),
        workersRss: this.workers.rss().reduce((a, b) => a + b, 0),
        driverRss: process.memoryUsage.rss(),
      });
    } catch {
      // A sample lost to a slow query is not worth failing the run for.
    } finally {
      this.busy = false;
    }
  }
}
