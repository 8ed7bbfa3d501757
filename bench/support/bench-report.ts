import type { BaselineResult } from './bullmq-baseline.js';
import type { MachineInfo } from './machine.js';
import { perUpgrade } from './sql-counter.js';
import type { UpgradeRunResult } from './upgrade-run.js';

/** Everything one `npm run bench` measured. */
export interface BenchResults {
  date: string;
  scale: number;
  machine: MachineInfo;
  baseline: BaselineResult;
  endToEnd: UpgradeRunResult;
  latency: UpgradeRunResult;
  panelAsSpecified: UpgradeRunResult;
  panelWithinMachine: UpgradeRunResult;
  batch: UpgradeRunResult;
  /** The charts written next to the document: file name under docs/bench and what each shows. */
  charts?: Array<{ file: string; alt: string }>;
}

/** The figures of issue #14's targets. */
export const TARGETS = {
  /** Run 2's upgrades/s over the baseline's chains/s, at least. */
  ratioToBaseline: 0.06,
  /** CPU of every process of the run per upgrade, ms, at most. */
  cpuMsPerUpgrade: 7,
  /** Payment → completion email at half of run 2's rate, p99 ms, below. */
  latencyP99Ms: 250,
  /** SQL statements (MariaDB `Questions`) and commits (`Com_commit`) per upgrade, at most. */
  statementsPerUpgrade: 25,
  commitsPerUpgrade: 4,
} as const;

/** A target and whether it was met. */
export interface Verdict {
  run: string;
  measured: string;
  target: string;
  met: boolean;
}

const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mib = (bytes: number) => `${fmt(bytes / 2 ** 20, 0)} MiB`;
/** CPU ms per upgrade, all processes of the run together. */
export const cpuMsPerUpgrade = (r: UpgradeRunResult) =>
  (1000 * Object.values(r.cpu.byProcess).reduce((a, v) => a + v, 0)) / r.options.upgrades;
const ceilingOf = (r: UpgradeRunResult) =>
  ((r.options.servers ?? 1) * (r.options.maxConcurrency ?? 1) * 1000) / (r.options.changeLatencyMs || 1);

/** A server is starved when its rate over the steady window is below half the mean server rate. */
export function starvedServers(r: UpgradeRunResult): boolean {
  return r.panel.serverRateMin < 0.5 * (r.panel.steadyRate / r.panel.servers);
}

/**
 * The runs whose SQL per upgrade is judged: those where no panel server is ever full, since a busy server makes the
 * provisioning job retry, which is the cap at work rather than the cost of an upgrade.
 */
const sqlJudged = (b: BenchResults): Array<[string, UpgradeRunResult]> => [
  ['2', b.endToEnd],
  ['3', b.latency],
  ['5', b.batch],
];

/** One run's progress line: "end to end: 240.0 upgrades/s, 22.5 statements per upgrade, 4.0 commits per upgrade; …". */
export function progressLine(label: string, r: UpgradeRunResult): string {
  const sql = perUpgrade(r.sql, r.options.upgrades);
  const others =
    r.sql.otherClients > 0
      ? ` (${r.sql.otherClients} connections of other clients ran statements meanwhile: the counts include theirs)`
      : '';
  return (
    `${label}: ${r.perSecond.toFixed(1)} upgrades/s, ${sql.statements.toFixed(1)} statements per upgrade, ${sql.commits.toFixed(1)} commits per upgrade${others}; ` +
    `${r.seconds.toFixed(1)} s, ${cpuMsPerUpgrade(r).toFixed(1)} ms CPU per upgrade, p99 payment→email ${r.latencyMs.p99.toFixed(0)} ms, audit ${r.audit.problems.length === 0 ? 'clean' : r.audit.problems.join('; ')}`
  );
}

/** The targets of the issue, judged. */
export function verdicts(b: BenchResults): Verdict[] {
  const ratio = b.endToEnd.perSecond / b.baseline.chainsPerSecond;
  const cpu = cpuMsPerUpgrade(b.endToEnd);
  const sqlRuns = sqlJudged(b).map(([name, r]) => ({ name, ...perUpgrade(r.sql, r.options.upgrades) }));
  const worst = {
    statements: Math.max(...sqlRuns.map((r) => r.statements)),
    commits: Math.max(...sqlRuns.map((r) => r.commits)),
  };
  const run2Sql = perUpgrade(b.endToEnd.sql, b.endToEnd.options.upgrades);
  // Other clients can only add to the counts: a "yes" stands, a "no" beside them may be theirs.
  const others = sqlJudged(b).reduce((n, [, r]) => n + r.sql.otherClients, 0);
  const panel = (r: UpgradeRunResult): Verdict => {
    const ceiling = ceilingOf(r);
    return {
      run: `4. panel-bound: ${r.options.servers} servers × ${r.options.changeLatencyMs} ms × maxConcurrency ${r.options.maxConcurrency} (ceiling ${fmt(ceiling, 0)}/s)`,
      measured: `${fmt(r.panel.steadyRate)} changes/s = ${fmt((100 * r.panel.steadyRate) / ceiling, 0)}% of the ceiling; servers ${fmt(r.panel.serverRateMin, 2)}–${fmt(r.panel.serverRateMax, 2)}/s, longest stall ${fmt(r.panel.longestServerStallMs / 1000, 1)} s`,
      target: '≥ 90% of the ceiling, no server starved',
      met: r.panel.steadyRate >= 0.9 * ceiling && !starvedServers(r),
    };
  };
  const batchRatio = b.batch.perSecond / b.endToEnd.perSecond;
  const growth = b.batch.memory?.growthAfterWarmup ?? NaN;
  return [
    {
      run: `2. end to end, ${b.endToEnd.options.upgrades} upgrades`,
      measured: `${fmt(b.endToEnd.perSecond)} upgrades/s; baseline ${fmt(b.baseline.chainsPerSecond, 0)} chains/s; ratio ${ratio.toFixed(3)}; CPU ${fmt(cpu)} ms per upgrade (baseline ${fmt(b.baseline.cpuMsPerChain, 2)} ms per chain)`,
      target: `end to end ratio to the baseline ≥ ${TARGETS.ratioToBaseline} and CPU per upgrade ≤ ${TARGETS.cpuMsPerUpgrade} ms`,
      met: ratio >= TARGETS.ratioToBaseline && cpu <= TARGETS.cpuMsPerUpgrade,
    },
    {
      run: `SQL per upgrade, MariaDB's counters (runs ${sqlRuns.map((r) => r.name).join(', ')}: no panel server full)`,
      measured: `run 2: ${fmt(run2Sql.statements)} statements, ${fmt(run2Sql.commits)} commits per upgrade; the most of runs ${sqlRuns.map((r) => r.name).join(', ')}: ${fmt(worst.statements)} statements, ${fmt(worst.commits)} commits${others > 0 ? `; ${others} connections of other clients ran statements meanwhile (in the counts)` : ''}`,
      target: `SQL statements per upgrade ≤ ${TARGETS.statementsPerUpgrade} and commits ≤ ${TARGETS.commitsPerUpgrade}`,
      met: worst.statements <= TARGETS.statementsPerUpgrade && worst.commits <= TARGETS.commitsPerUpgrade,
    },
    {
      run: `3. payment → email at half load: ${fmt(b.latency.options.ratePerSec ?? 0)} orders/s (half of run 2)`,
      measured: `p50 ${fmt(b.latency.latencyMs.p50, 0)} ms, p95 ${fmt(b.latency.latencyMs.p95, 0)} ms, p99 ${fmt(b.latency.latencyMs.p99, 0)} ms`,
      target: `payment → email p99 at half load < ${TARGETS.latencyP99Ms} ms`,
      met: b.latency.latencyMs.p99 < TARGETS.latencyP99Ms,
    },
    panel(b.panelAsSpecified),
    panel(b.panelWithinMachine),
    {
      run: `5. ${b.batch.options.upgrades} upgrades in one batch`,
      measured: `${fmt(b.batch.perSecond)} upgrades/s = ${fmt(100 * batchRatio, 0)}% of run 2 (CPU ${fmt(cpuMsPerUpgrade(b.batch))} vs ${fmt(cpuMsPerUpgrade(b.endToEnd))} ms per upgrade); ${memoryLine(b.batch.memory)}`,
      target: `${b.batch.options.upgrades.toLocaleString('en-US')} batch within 10% of the ${b.endToEnd.options.upgrades.toLocaleString('en-US')} run and flat live heap (last quarter ≤ ×1.10 the second)`,
      met: Math.abs(batchRatio - 1) <= 0.1 && growth <= 1.1,
    },
  ];
}

/** The batch's worker memory in one line. */
function memoryLine(m: UpgradeRunResult['memory']): string {
  if (!m) return 'memory not sampled';
  const at = (values: Record<string, number>) =>
    Object.entries(values)
      .map(([k, v]) => `${k} ${mib(v)}`)
      .join(', ');
  return `worker live heap after full GCs ${at(m.liveHeapAt)} (last quarter ×${m.growthAfterWarmup.toFixed(2)} the second); RSS ${at(m.workersAt)}, ${mib(m.minAfterWarmup)}–${mib(m.maxAfterWarmup)} after the first quarter (×${m.rssGrowthAfterWarmup.toFixed(2)})`;
}

/** The measured runs with their names in the tables. */
export const runsOf = (b: BenchResults): Array<[string, UpgradeRunResult]> => [
  ['2. end to end', b.endToEnd],
  ['3. half rate', b.latency],
  ['4. panel as specified', b.panelAsSpecified],
  ['4. panel within machine', b.panelWithinMachine],
  ['5. batch', b.batch],
];

/** SQL statements and commits of each run, in all and per upgrade. */
function sqlRows(b: BenchResults): string[] {
  return runsOf(b).map(([name, r]) => {
    const per = perUpgrade(r.sql, r.options.upgrades);
    return `| ${name} | ${r.options.upgrades} | ${fmt(r.sql.statements, 0)} | ${fmt(per.statements)} | ${fmt(r.sql.commits, 0)} | ${fmt(per.commits)} | ${fmt(r.sql.ownStatements, 0)} | ${r.sql.otherClients} |`;
  });
}

/** Where the CPU went in each run, per upgrade. */
function cpuRows(b: BenchResults): string[] {
  return runsOf(b).map(([name, r]) => {
    const per = (s: number) => fmt((1000 * s) / r.options.upgrades, 1);
    const cpu = r.cpu.byProcess;
    const workers = Object.entries(cpu)
      .filter(([k]) => k.startsWith('worker'))
      .reduce((sum, [, v]) => sum + v, 0);
    const total = Object.values(cpu).reduce((a, v) => a + v, 0);
    const othersShare = r.cpu.othersSeconds / (r.cpu.seconds * b.machine.cpus);
    return `| ${name} | ${r.options.upgrades} | ${fmt(r.seconds)} | ${fmt(r.perSecond)} | ${per(cpu.driver ?? 0)} | ${per(workers)} | ${per(cpu.mariadbd ?? 0)} | ${per(cpu['redis-server'] ?? 0)} | ${per(total)} | ${fmt(100 * r.cpu.machineBusy, 0)}% | ${fmt(100 * othersShare, 0)}% | ${fmt(r.waitedForQuietS, 0)} s |`;
  });
}

/** The measured section of docs/BENCHMARKS.md. */
export function renderMeasured(b: BenchResults): string {
  const m = b.machine;
  const audits = runsOf(b).map(
    ([, r]) =>
      `| ${r.options.upgrades} | ${JSON.stringify(r.audit.statuses)} | ${r.audit.invoicesPaidTwice} | ${r.audit.accountsWrittenTwice} | ${r.audit.clientsEmailedTwice} | ${r.audit.ledger.balanced ? 'yes' : 'NO'} | ${r.audit.problems.length === 0 ? 'none' : r.audit.problems.join('; ')} |`,
  );
  return [
    `Measured ${b.date} by \`npm run bench\`${b.scale === 1 ? '' : ` (BENCH_SCALE=${b.scale})`}.`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB; Node ${m.node}; MariaDB ${m.mariadb} (innodb_flush_log_at_trx_commit=${m.flushLogAtTrxCommit}); Redis ${m.redis} (${m.redisPersistence}); load average ${fmt(m.loadAverage, 2)} at start. Worker processes per run: ${b.endToEnd.options.workerProcesses ?? 1} × \`upshift start --workers all\`; the driver (orders, payments, fake panels) is one more process.`,
    '',
    '| target | measured | wanted | met |',
    '| --- | --- | --- | --- |',
    `| 1. baseline: BullMQ chain of 4 no-op jobs, ${b.baseline.chains} chains | ${fmt(b.baseline.chainsPerSecond, 0)} chains/s (${fmt(b.baseline.jobsPerSecond, 0)} jobs/s), ${fmt(b.baseline.cpuMsPerChain, 2)} ms CPU per chain | — | — |`,
    ...verdicts(b).map((v) => `| ${v.run} | ${v.measured} | ${v.target} | ${v.met ? 'yes' : '**no**'} |`),
    '',
    'CPU per upgrade (ms), by process. "Others" is the share of the machine used meanwhile by processes outside the run (this machine is shared); before each run the bench waits (up to 5 min) for the machine to be nearly idle:',
    '',
    '| run | upgrades | seconds | upgrades/s | driver | workers | MariaDB | Redis | total | machine busy | others | waited |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...cpuRows(b),
    '',
    "SQL per upgrade, from MariaDB's counters over each measured batch (first order → queues idle): `Questions` (statements) and `Com_commit` (commits), less the bench's own statements; \"other clients\" counts connections outside the run seen running statements meanwhile (0 = the counts are the run's alone):",
    '',
    "| run | upgrades | statements | per upgrade | commits | per upgrade | bench's own statements (left out) | other clients |",
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...sqlRows(b),
    '',
    `Latency, payment → completion email (ms): run 3 p50 ${fmt(b.latency.latencyMs.p50, 0)}, p95 ${fmt(b.latency.latencyMs.p95, 0)}, p99 ${fmt(b.latency.latencyMs.p99, 0)}, max ${fmt(b.latency.latencyMs.max, 0)}; under saturation (run 2) p50 ${fmt(b.endToEnd.latencyMs.p50, 0)}, p99 ${fmt(b.endToEnd.latencyMs.p99, 0)}.`,
    '',
    "Audit after every run (the chaos scenarios' audit):",
    '',
    '| upgrades measured | statuses (with the warm-up) | invoices paid twice | accounts written twice | clients emailed twice | ledger balanced | problems |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...audits,
    ...chartLines(b),
  ].join('\n');
}

/** The charts, embedded from docs/bench (the document's folder). */
function chartLines(b: BenchResults): string[] {
  if (!b.charts?.length) return [];
  return [
    '',
    'Charts of these runs (written by the bench into docs/bench):',
    '',
    ...b.charts.map((c) => `![${c.alt}](bench/${c.file})\n`),
  ];
}

/** The table printed at the end of a run. */
export function renderConsole(b: BenchResults): string {
  const rows = [
    ['target', 'measured', 'wanted', 'met'],
    ['1. baseline', `${fmt(b.baseline.chainsPerSecond, 0)} chains/s`, '—', '—'],
    ...verdicts(b).map((v) => [v.run, v.measured, v.target, v.met ? 'yes' : 'NO']),
  ];
  const widths = rows[0].map((_, i) => Math.min(70, Math.max(...rows.map((r) => r[i].length))));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join(' | ')).join('\n');
}
