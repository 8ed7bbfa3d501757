import type { DataSource } from 'typeorm';
import type { WorkerFleet } from '../../test/chaos/support/worker-fleet.js';

/** Resident memory of the worker processes (summed) and of this process, against progress. */
export interface MemorySample {
  /** Seconds since the sampler started. */
  t: number;
  completed: number;
  workersRss: number;
  driverRss: number;
  /** The workers' live JavaScript heap after their latest full garbage collection (bytes; NaN before the first). */
  workersLiveHeap: number;
}

type Progress = '10%' | '25%' | '50%' | '75%' | '100%';

/** Worker memory at points of the run, and how much it grew after warm-up. */
export interface MemoryStats {
  samples: MemorySample[];
  /** Worker RSS (bytes) when 10%, 25%, 50%, 75% and 100% of the upgrades had completed. */
  workersAt: Record<Progress, number>;
  /** Worker live heap after a full GC (bytes) at the same points. */
  liveHeapAt: Record<Progress, number>;
  /**
   * Median live heap (after full GCs) over the last quarter of the run over the median over its second quarter. What
   * leaks would grow; RSS also rises and falls with how much garbage V8 lets pile up between full GCs. 1.0 = flat.
   */
  growthAfterWarmup: number;
  /** The same ratio for RSS. */
  rssGrowthAfterWarmup: number;
  /** Lowest and highest worker RSS after the first quarter. */
  minAfterWarmup: number;
  maxAfterWarmup: number;
}

/** Reads the live heap after a full GC from a `--trace-gc` line ("Mark-Compact 126.0 (158.8) -> 49.1 (147.8) MB"). */
export function liveHeapFromTraceGc(line: string): number | null {
  const mb = /Mark-Compact[^>]*-> ([\d.]+) \(/.exec(line)?.[1];
  return mb === undefined ? null : Number(mb) * 2 ** 20;
}

/** Samples memory and the number of completed upgrades every `everyMs`. */
export class MemorySampler {
  private readonly samples: MemorySample[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly started = performance.now();
  private busy = false;
  private liveHeap = new Map<number, number>();

  /** Counts the upgrades with an id above `sinceId` (this run's). */
  constructor(
    private readonly ds: Pick<DataSource, 'query'>,
    private readonly workers: WorkerFleet,
    private readonly sinceId = 0,
    everyMs = 1_000,
  ) {
    this.timer = setInterval(() => void this.sample(), everyMs);
  }

  /** Feed it the worker processes' output (run them with `--trace-gc --trace-gc-ignore-scavenger`). */
  observe(line: string, pid: number): void {
    const live = liveHeapFromTraceGc(line);
    if (live !== null) this.liveHeap.set(pid, live);
  }

  async stop(total: number): Promise<MemoryStats> {
    clearInterval(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 10));
    await this.sample();
    const sampleAt = (share: number) =>
      this.samples.find((s) => s.completed >= share * total) ?? this.samples[this.samples.length - 1];
    const points = (pick: (s: MemorySample) => number) =>
      Object.fromEntries(
        (['10%', '25%', '50%', '75%', '100%'] as const).map((p) => [p, pick(sampleAt(Number(p.slice(0, -1)) / 100))]),
      ) as Record<Progress, number>;
    const between = (from: number, to: number, pick: (s: MemorySample) => number) =>
      this.samples
        .filter((s) => s.completed >= from * total && s.completed <= to * total)
        .map(pick)
        .filter((v) => !Number.isNaN(v));
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
    const trend = (pick: (s: MemorySample) => number) =>
      median(between(0.75, 1, pick)) / median(between(0.25, 0.5, pick));
    const rss = (s: MemorySample) => s.workersRss;
    const live = (s: MemorySample) => s.workersLiveHeap;
    const after = between(0.25, 1, rss);
    return {
      samples: this.samples,
      workersAt: points(rss),
      liveHeapAt: points(live),
      growthAfterWarmup: trend(live),
      rssGrowthAfterWarmup: trend(rss),
      minAfterWarmup: Math.min(...after),
      maxAfterWarmup: Math.max(...after),
    };
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const [row] = await this.ds.query<Array<{ n: string | number }>>(
        `SELECT COUNT(*) AS n FROM upgrades WHERE status = 'completed' AND id > ?`,
        [this.sinceId],
      );
      this.samples.push({
        t: (performance.now() - this.started) / 1000,
        completed: Number(row?.n ?? 0),
        workersRss: this.workers.rss().reduce((a, b) => a + b, 0),
        driverRss: process.memoryUsage.rss(),
        workersLiveHeap: this.liveHeap.size === 0 ? NaN : [...this.liveHeap.values()].reduce((a, b) => a + b, 0),
      });
    } catch {
      // A sample lost to a slow query is not worth failing the run for.
    } finally {
      this.busy = false;
    }
  }
}
