import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchResults } from './bench-report.js';
import { niceStep } from './svg-frame.js';
import { renderHistogram } from './svg-histogram.js';
import { renderLineChart, type LineSeries } from './svg-line-chart.js';
import type { UpgradeRunResult } from './upgrade-run.js';

/** One chart of a bench run: its file name (under docs/bench), alt text and SVG. */
export interface BenchChart {
  file: string;
  alt: string;
  svg: string;
}

/**
 * Completions per second in bins of `binS` seconds from 0, plotted at each bin's middle. A last bin shorter than
 * half a bin is left out: a couple of completions over a sliver of time would draw a spike that never happened.
 */
export function completionRate(times: readonly number[], binS: number): Array<[number, number]> {
  if (times.length === 0) return [];
  const end = Math.max(...times);
  const counts = new Array<number>(Math.floor(end / binS) + 1).fill(0);
  for (const t of times) counts[Math.max(0, Math.floor(t / binS))] += 1;
  const points: Array<[number, number]> = [];
  counts.forEach((n, k) => {
    const width = Math.min(binS, end - k * binS);
    if (width >= binS / 2) points.push([k * binS + width / 2, n / width]);
  });
  return points;
}

/** At most `max` of the items, evenly spread, the last one always kept (a line's end is where it got to). */
export function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = Math.ceil(items.length / max);
  const kept = items.filter((_, i) => i % step === 0);
  if (kept[kept.length - 1] !== items[items.length - 1]) kept.push(items[items.length - 1]);
  return kept;
}

/** The bin for rate lines over `seconds`: a round width giving about 60 points, at least ¼ s. */
const binFor = (seconds: number) => Math.max(0.25, niceStep(seconds / 60));

function throughputChart(file: string, title: string, runs: Array<[string, UpgradeRunResult]>, ref?: UpgradeRunResult) {
  const binS = binFor(Math.max(...runs.map(([, r]) => r.seconds)));
  const series: LineSeries[] = runs.map(([name, r]) => ({
    name: `${name} (${r.options.upgrades})`,
    points: completionRate(r.completedAtS, binS),
  }));
  return {
    file,
    alt: `${title}: completed upgrades per second over time, one line per run`,
    svg: renderLineChart({
      title,
      note: `Upgrades reaching 'completed' per second, in bins of ${binS} s (upgrade_transitions); warm-up not shown`,
      xLabel: "seconds since the run's first order (s)",
      yLabel: 'upgrades completed per second (1/s)',
      series,
      markers: ref ? [{ axis: 'y', value: ref.perSecond, label: `run 2 mean ${ref.perSecond.toFixed(1)}/s` }] : [],
    }),
  };
}

function latencyChart(r: UpgradeRunResult): BenchChart {
  const p = r.latencyMs;
  return {
    file: 'latency-half-rate.svg',
    alt: `Payment to completion email latency at half load (run 3), ${p.count} upgrades, p50 ${p.p50.toFixed(0)} ms, p95 ${p.p95.toFixed(0)} ms, p99 ${p.p99.toFixed(0)} ms`,
    svg: renderHistogram({
      title: `Payment → completion email at half load (run 3, ${(r.options.ratePerSec ?? 0).toFixed(1)} orders/s)`,
      note: `${p.count} upgrades; max ${p.max.toFixed(0)} ms`,
      xLabel: "payment's paidAt → completion email in the outbox (ms)",
      yLabel: 'upgrades per bin',
      values: r.latencySamplesMs,
      clipAbove: Math.max(2 * p.p99, 1),
      markers: [
        { axis: 'x', value: p.p50, label: `p50 ${p.p50.toFixed(0)} ms` },
        { axis: 'x', value: p.p95, label: `p95 ${p.p95.toFixed(0)} ms` },
        { axis: 'x', value: p.p99, label: `p99 ${p.p99.toFixed(0)} ms` },
      ],
    }),
  };
}

/** Each server's applied ChangePackage writes since the run began: parallel lines = every server got its share. */
function panelChart(r: UpgradeRunResult): BenchChart {
  const o = r.options;
  const samples = thin(r.panel.series, 300);
  const servers = r.panel.servers;
  const setup = `${servers} servers × ${o.changeLatencyMs} ms × maxConcurrency ${o.maxConcurrency}`;
  return {
    file: `panel-writes-${o.changeLatencyMs}ms.svg`,
    alt: `ChangePackage writes per panel server over time, ${setup}`,
    svg: renderLineChart({
      title: `Panel writes per server: ${setup}`,
      note: `Each line one server's applied writes since the run began, sampled every 100 ms; a flat stretch = a server left without work`,
      xLabel: "seconds since the run's first order (s)",
      yLabel: 'ChangePackage writes applied (cumulative)',
      series: Array.from({ length: servers }, (_, i) => ({
        name: `server ${i + 1}`,
        points: samples.map((s) => [s.t, s.perServer[i]] as const),
      })),
      legendLimit: 6,
      yIntegers: true,
      strokeWidth: 1.3,
    }),
  };
}

/** The charts of one `npm run bench`: throughput over time, the half-rate latency, the panel-bound runs' writes. */
export function benchCharts(b: BenchResults): BenchChart[] {
  return [
    throughputChart('throughput.svg', 'Throughput over time, runs 2–4', [
      ['2. end to end', b.endToEnd],
      ['3. half rate', b.latency],
      ['4. panel as specified', b.panelAsSpecified],
      ['4. panel within machine', b.panelWithinMachine],
    ]),
    // Ten times longer than the others: on their chart it would squeeze them into its first tenth.
    throughputChart(
      'throughput-batch.svg',
      'Throughput over time, run 5 (one batch)',
      [['5. batch', b.batch]],
      b.endToEnd,
    ),
    latencyChart(b.latency),
    panelChart(b.panelAsSpecified),
    panelChart(b.panelWithinMachine),
  ];
}

/** Writes the charts into `dir` (created if needed). */
export async function writeCharts(dir: string, charts: readonly BenchChart[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all(charts.map((c) => writeFile(join(dir, c.file), c.svg)));
}
