import type { FakeWhmFarm } from '../../test/chaos/support/fake-whm-farm.js';

/** How the panels were kept busy during a run. */
export interface PanelStats {
  servers: number;
  writes: number;
  /** ChangePackage writes per second between 10% and 90% of all writes (ramp-up and tail left out). */
  steadyRate: number;
  /** The slowest and the fastest server over the same window, writes per second. */
  serverRateMin: number;
  serverRateMax: number;
  /** The longest time any server went without a write while it still had writes to come, ms (sampling step included). */
  longestServerStallMs: number;
  /** The most requests any fake server had in flight at once (the per-server cap is `maxConcurrency`). */
  maxInFlight: number;
  /** Every sample: seconds since the sampler started, and each server's writes since then (for the charts). */
  series: Array<{ t: number; perServer: number[] }>;
}

interface Sample {
  t: number;
  perServer: number[];
}

/** Samples the farm's applied writes per server every `everyMs` until stopped. */
export class PanelSampler {
  private readonly samples: Sample[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly farm: FakeWhmFarm,
    everyMs = 100,
  ) {
    for (const server of farm.servers) server.resetStats();
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): PanelStats {
    clearInterval(this.timer);
    this.sample();
    // Writes since the sampler started (the farm counts from its start, warm-up included).
    const base = this.samples[0].perServer;
    for (const s of this.samples) s.perServer = s.perServer.map((w, i) => w - base[i]);
    const total = (s: Sample) => s.perServer.reduce((a, b) => a + b, 0);
    const writes = total(this.samples[this.samples.length - 1]);
    const at = (share: number) =>
      this.samples.find((s) => total(s) >= share * writes) ?? this.samples[this.samples.length - 1];
    const from = at(0.1);
    const to = at(0.9);
    const seconds = Math.max(1e-3, (to.t - from.t) / 1000);
    const serverRates = from.perServer.map((w, i) => (to.perServer[i] - w) / seconds);
    const finals = this.samples[this.samples.length - 1].perServer;
    let longestServerStallMs = 0;
    for (let i = 0; i < finals.length; i++) {
      let lastChange: number | null = null;
      for (let k = 1; k < this.samples.length; k++) {
        const [before, now] = [this.samples[k - 1], this.samples[k]];
        if (now.perServer[i] > before.perServer[i]) {
          if (lastChange !== null) longestServerStallMs = Math.max(longestServerStallMs, now.t - lastChange);
          lastChange = now.t;
        }
        if (now.perServer[i] >= finals[i]) break;
      }
    }
    return {
      servers: finals.length,
      writes,
      steadyRate: (total(to) - total(from)) / seconds,
      serverRateMin: Math.min(...serverRates),
      serverRateMax: Math.max(...serverRates),
      longestServerStallMs,
      maxInFlight: Math.max(...this.farm.servers.map((s) => s.maxInFlight)),
      series: this.samples.map((s) => ({ t: (s.t - this.samples[0].t) / 1000, perServer: s.perServer })),
    };
  }

  private sample(): void {
    this.samples.push({ t: performance.now(), perServer: this.farm.writesPerServer() });
  }
}
