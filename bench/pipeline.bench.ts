// `npm run bench`: Upshift under load on this machine, with a bare BullMQ baseline measured in the same run.
// Prints a table, rewrites the measured section of docs/BENCHMARKS.md (between the bench markers) and writes its
// charts into docs/bench/*.svg.
//   BENCH_SCALE=0.1   scales every batch size (a quick look; the document says so)
//   BENCH_WORKERS=2   `upshift start --workers all` processes per run (default 1)
//   BENCH_QUIET_S=20  the longest wait for a nearly idle machine before each run (default 300 s)
import { join } from 'node:path';
import { packageRoot } from '../src/config/package-root.js';
import { TEST_REDIS_URL } from '../test/support/pipeline-harness.js';
import { TEST_MYSQL_SERVER } from '../test/support/test-database.js';
import { benchCharts, writeCharts } from './support/bench-charts.js';
import { progressLine, renderConsole, renderMeasured, type BenchResults } from './support/bench-report.js';
import { runBullmqBaseline } from './support/bullmq-baseline.js';
import { waitForQuiet } from './support/cpu-meter.js';
import { benchScale, benchWorkers, logLine, positiveEnv } from './support/bench-env.js';
import { writeDocSection } from './support/doc-section.js';
import { describeMachine } from './support/machine.js';
import { runUpgrades, type UpgradeRunOptions, type UpgradeRunResult } from './support/upgrade-run.js';

const BEGIN = '<!-- bench:begin (written by npm run bench) -->';
const END = '<!-- bench:end -->';

const scale = benchScale();
const workerProcesses = benchWorkers();
const quietBudgetMs = 1000 * positiveEnv('BENCH_QUIET_S', 300);
const count = (n: number) => Math.max(20, Math.round(n * scale));
const log = logLine;

async function run(opts: UpgradeRunOptions): Promise<UpgradeRunResult> {
  log(`${opts.label}: ${opts.upgrades} upgrades…`);
  const result = await runUpgrades({ workerProcesses, quietBudgetMs, ...opts });
  log(progressLine(opts.label, result));
  if (result.workerLog.length > 0) log(`  worker log:\n${result.workerLog.join('\n')}`);
  return result;
}

const machine = await describeMachine(TEST_MYSQL_SERVER, TEST_REDIS_URL);
log(
  `${machine.cpus} CPUs, Node ${machine.node}, MariaDB ${machine.mariadb}, Redis ${machine.redis}, load ${machine.loadAverage.toFixed(2)}`,
);
await waitForQuiet(undefined, undefined, quietBudgetMs);
const baseline = await runBullmqBaseline({ redisUrl: TEST_REDIS_URL, chains: count(20_000) });
log(
  `baseline: ${baseline.chainsPerSecond.toFixed(0)} chains/s (${baseline.jobsPerSecond.toFixed(0)} jobs/s), ${baseline.cpuMsPerChain.toFixed(2)} ms CPU per chain`,
);
const endToEnd = await run({ label: 'end to end', upgrades: count(2_000), sampleMemory: true });
const latency = await run({ label: 'half rate', upgrades: count(1_000), ratePerSec: endToEnd.perSecond / 2 });
const panelAsSpecified = await run({
  label: 'panel-bound as specified',
  upgrades: count(2_000),
  servers: 20,
  maxConcurrency: 2,
  changeLatencyMs: 200,
});
const panelWithinMachine = await run({
  label: 'panel-bound within the machine',
  upgrades: count(1_000),
  servers: 20,
  maxConcurrency: 2,
  changeLatencyMs: 2_000,
});
const batch = await run({ label: 'batch', upgrades: count(20_000), sampleMemory: true });

const results: BenchResults = {
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  scale,
  machine,
  baseline,
  endToEnd,
  latency,
  panelAsSpecified,
  panelWithinMachine,
  batch,
};
process.stdout.write(`\n${renderConsole(results)}\n`);

const docs = join(packageRoot(), 'docs');
const charts = benchCharts(results);
await writeCharts(join(docs, 'bench'), charts);
log(`wrote ${charts.map((c) => `docs/bench/${c.file}`).join(', ')}`);
const docPath = join(docs, 'BENCHMARKS.md');
await writeDocSection(docPath, BEGIN, END, renderMeasured({ ...results, charts }));
log(`wrote ${docPath}`);
