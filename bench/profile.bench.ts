// `npm run bench:profile`: where the worker process's CPU goes. Runs a batch of upgrades through the real pipeline
// (as `npm run bench` does) with the worker under `node --cpu-prof`, then prints the self time by package and the
// top functions, and rewrites the profile section of docs/BENCHMARKS.md (between the profile markers).
//   BENCH_SCALE=0.1     scales the batch (default 1: 1,000 upgrades)
//   BENCH_WORKERS=2     `upshift start --workers all` processes (default 1; their profiles are added up)
//   BENCH_QUIET_S=20    the longest wait for a nearly idle machine before the batch (default 300 s)
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/config/package-root.js';
import { renderProfileTables, summarizeProfiles, type CpuProfile } from './support/cpu-profile.js';
import { benchScale, benchWorkers, logLine, positiveEnv } from './support/bench-env.js';
import { writeDocSection } from './support/doc-section.js';
import { runUpgrades } from './support/upgrade-run.js';

const BEGIN = '<!-- profile:begin -->';
const END = '<!-- profile:end -->';

const scale = benchScale();
const workerProcesses = benchWorkers();
const upgrades = Math.max(20, Math.round(1_000 * scale));
const log = logLine;

const dir = await mkdtemp(join(tmpdir(), 'upshift-cpu-prof-'));
log(`profile: ${upgrades} upgrades, ${workerProcesses} worker process(es) under --cpu-prof (into ${dir})…`);
// The same 200-upgrade warm-up as the bench's runs; the profile is then cut to the measured batch, so start-up,
// JIT compilation of the first upgrades and shutdown do not dilute it.
const run = await runUpgrades({
  label: 'profile',
  upgrades,
  workerProcesses,
  quietBudgetMs: 1000 * positiveEnv('BENCH_QUIET_S', 300),
  nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir],
});
log(
  `profile: ${run.perSecond.toFixed(1)} upgrades/s, audit ${run.audit.problems.length === 0 ? 'clean' : run.audit.problems.join('; ')}`,
);

// runUpgrades stops the workers with SIGTERM and waits for them to exit; Node writes the profile as it exits, and
// only then (a worker still running after the 15 s grace is killed, and a killed process writes nothing).
const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
if (files.length < workerProcesses)
  throw new Error(
    `${files.length} of ${workerProcesses} profiles in ${dir}: a worker did not exit by itself after SIGTERM\n${run.workerLog.join('\n')}`,
  );
const profiles = await Promise.all(
  files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as CpuProfile),
);
// The workers' profiles and this process's hrtime share Linux's monotonic clock (summarizeProfiles checks overlap).
const summary = summarizeProfiles(profiles, packageRoot(), run.measuredUs);
const seconds = (ms: number) => (ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 });
const body = [
  `Profiled ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench:profile\`${scale === 1 ? '' : ` (BENCH_SCALE=${scale})`}: ${upgrades} upgrades after ${run.options.warmup ?? 200} of warm-up, through ${workerProcesses} \`upshift start --workers all\` process${workerProcesses === 1 ? '' : 'es'} under \`node --cpu-prof\`, the driver as in \`npm run bench\` (${run.perSecond.toFixed(1)} upgrades/s). Only the measured batch counts (first order → queues idle): ${seconds(summary.totalMs)} s of the worker's time, ${seconds(summary.busyMs)} s busy and ${seconds(summary.idleMs)} s idle (waiting for work or I/O), ${(summary.busyMs / upgrades).toFixed(1)} ms busy per upgrade; ${summary.samples.toLocaleString('en-US')} samples.`,
  '',
  renderProfileTables(summary, 25),
].join('\n');
process.stdout.write(`\n${body}\n\n`);
const docPath = join(packageRoot(), 'docs', 'BENCHMARKS.md');
await writeDocSection(docPath, BEGIN, END, body);
log(
  `wrote ${docPath}; the profile${files.length === 1 ? '' : 's'} (open in Chrome DevTools): ${files.map((f) => join(dir, f)).join(', ')}`,
);
