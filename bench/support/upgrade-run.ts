import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { outboxFileName } from '../../src/mail/outbox-mail-transport.js';
import { auditRun, type AuditReport } from '../../test/chaos/support/audit.js';
import { FleetEnv } from '../../test/chaos/support/fleet-env.js';
import { useCaseClient } from '../../test/chaos/support/upgrade-client.js';
import { driveUpgrades } from '../../test/chaos/support/upgrade-driver.js';
import { CpuMeter, pidOf, waitForQuiet, type CpuReading } from './cpu-meter.js';
import { liveHeapFromTraceGc, MemorySampler, type MemoryStats } from './memory-sampler.js';
import { PanelSampler, type PanelStats } from './panel-sampler.js';
import { percentiles, type Percentiles } from './percentiles.js';
import { SqlCounter, type SqlCounts } from './sql-counter.js';

/** One batch of upgrades through the real pipeline. */
export interface UpgradeRunOptions {
  label: string;
  upgrades: number;
  /** Fake WHM servers the accounts are spread over. @defaultValue 1 */
  servers?: number;
  /** `maxConcurrency` of each server. @defaultValue 100 (never the limit) */
  maxConcurrency?: number;
  /** Time each ChangePackage write takes on the fakes. @defaultValue 0 */
  changeLatencyMs?: number;
  /** `upshift start --workers all` processes. @defaultValue 1 */
  workerProcesses?: number;
  /** Orders per second (open loop); as fast as possible when left out. */
  ratePerSec?: number;
  /** @defaultValue 30 min */
  timeoutMs?: number;
  /** Also sample RSS and progress every second. @defaultValue false */
  sampleMemory?: boolean;
  /**
   * Upgrades run first, through the same processes, and not measured: a fresh worker compiles its code, opens its
   * pool connections and reads its templates during its first seconds. @defaultValue 200
   */
  warmup?: number;
  /** How long to wait at most for the machine to be nearly idle before measuring. @defaultValue 300000 (5 min) */
  quietBudgetMs?: number;
  /** Extra `node` flags of the worker processes (`--cpu-prof`, …). @defaultValue [] */
  nodeArgs?: string[];
}

export interface UpgradeRunResult {
  options: UpgradeRunOptions;
  /** First order → last upgrade completed (its completion email written), seconds. */
  seconds: number;
  /** Upgrades completed per second over `seconds`. */
  perSecond: number;
  statuses: Record<string, number>;
  cpu: CpuReading;
  /** Payment recorded → completion email in the outbox, ms. */
  latencyMs: Percentiles;
  /** The same, every upgrade's (for the charts). */
  latencySamplesMs: number[];
  /** Each upgrade's `completed` transition, seconds after the first order. */
  completedAtS: number[];
  /**
   * The measured batch (first order → queues idle) on the monotonic clock, µs: `process.hrtime`, which on Linux is
   * also the clock of the workers' `--cpu-prof` timestamps, so a profile can be cut to the batch.
   */
  measuredUs: { fromUs: number; toUs: number };
  /** SQL statements and commits over the measured batch (first order → queues idle), the bench's own left out. */
  sql: SqlCounts;
  panel: PanelStats;
  memory: MemoryStats | null;
  audit: AuditReport;
  /** Warnings and errors the workers logged (first 20). */
  workerLog: string[];
  /** Seconds spent waiting for the machine to be quiet before measuring. */
  waitedForQuietS: number;
}

/**
 * Runs `upgrades` orders through everything: the front-end side (placeUpgrade, recordPayment) in this process, the
 * workers in `upshift start` child processes, ChangePackage on fake WHM servers, emails to an outbox folder. Then
 * it audits the run like the chaos scenarios do, so a fast run that lost something does not pass. A warm-up batch
 * goes first; the figures are the measured batch's.
 */
export async function runUpgrades(opts: UpgradeRunOptions): Promise<UpgradeRunResult> {
  const warmup = opts.warmup ?? 200;
  let memory: MemorySampler | null = null;
  const traceGc = opts.sampleMemory ? ['--trace-gc', '--trace-gc-ignore-scavenger'] : [];
  const env = await FleetEnv.start({
    tag: 'bench',
    services: warmup + opts.upgrades,
    servers: opts.servers,
    maxConcurrency: opts.maxConcurrency ?? 100,
    changeLatencyMs: opts.changeLatencyMs,
    logLevel: 'warn',
    // Full GCs print the live heap: what a leak would grow, without the garbage that RSS also carries.
    nodeArgs: [...traceGc, ...(opts.nodeArgs ?? [])],
    ...(opts.sampleMemory ? { onWorkerLine: (line: string, pid: number) => memory?.observe(line, pid) } : {}),
  });
  // The bench's own queries go through this connection, so that they can be told from the pipeline's.
  let sql: SqlCounter | null = null;
  try {
    sql = await SqlCounter.open(env.env.DATABASE_URL);
    const processes = opts.workerProcesses ?? 1;
    env.workers.start(processes);
    await env.waitForWorkers(processes);
    const pids: Record<string, number> = { driver: process.pid };
    env.workers.pids.forEach((pid, i) => {
      pids[`worker${i + 1}`] = pid;
    });
    for (const name of ['mariadbd', 'redis-server']) {
      const pid = pidOf(name);
      if (pid) pids[name] = pid;
    }
    const client = useCaseClient(env.ctx);
    const timeoutMs = opts.timeoutMs ?? 1_800_000;
    if (warmup > 0) {
      await driveUpgrades(sql, client, env.catalog.services.slice(0, warmup), env.catalog.proId, { timeoutMs });
      await env.waitForIdle();
    }
    const [{ sinceId }] = await sql.query<[{ sinceId: number }]>(
      'SELECT COALESCE(MAX(id), 0) AS sinceId FROM upgrades',
    );
    const waitedForQuietS = await waitForQuiet(undefined, undefined, opts.quietBudgetMs);
    const meter = new CpuMeter(pids);
    const panels = new PanelSampler(env.farm);
    memory = opts.sampleMemory ? new MemorySampler(sql, env.workers, sinceId) : null;
    await sql.begin();
    const fromUs = monotonicUs();
    const run = await driveUpgrades(sql, client, env.catalog.services.slice(warmup), env.catalog.proId, {
      ratePerSec: opts.ratePerSec,
      timeoutMs,
      sinceId,
    });
    const cpu = meter.stop();
    const panel = panels.stop();
    const memoryStats = memory ? await memory.stop(opts.upgrades) : null;
    await env.waitForIdle(); // notices that do not hold an upgrade up (the invoice email) may still be queued
    const toUs = monotonicUs();
    const sqlCounts = await sql.end();
    const completed = await sql.query<Array<{ at: Date }>>(
      `SELECT at FROM upgrade_transitions WHERE toStatus = 'completed' AND upgradeId > ? ORDER BY at`,
      [sinceId],
    );
    const completedAtS = completed.map((row) => (row.at.getTime() - run.startedAt) / 1000);
    const seconds =
      completedAtS.length > 0 ? completedAtS[completedAtS.length - 1] : (run.settledAt - run.startedAt) / 1000;
    const latencies = await paymentToEmailMs(env, sinceId);
    return {
      options: opts,
      seconds,
      perSecond: (run.statuses.completed ?? 0) / seconds,
      statuses: run.statuses,
      cpu,
      latencyMs: percentiles(latencies),
      latencySamplesMs: latencies,
      completedAtS,
      sql: sqlCounts,
      measuredUs: { fromUs, toUs },
      panel,
      memory: memoryStats,
      audit: await auditRun(env.ctx.ds, env.farm, env.catalog, env.outboxDir, env.ctx.config.staffEmail),
      workerLog: env.workers.log.filter((line) => liveHeapFromTraceGc(line) === null).slice(0, 20),
      waitedForQuietS,
    };
  } finally {
    await sql?.close();
    await env.close();
  }
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** For each completed upgrade of the run: its payment's `paidAt` → the completion email file's modification time. */
async function paymentToEmailMs(env: FleetEnv, sinceId: number): Promise<number[]> {
  const rows = await env.ctx.ds.query<Array<{ id: number; paidAt: Date }>>(
    `SELECT u.id, p.paidAt FROM upgrades u JOIN payments p ON p.invoiceId = u.invoiceId WHERE u.status = 'completed' AND u.id > ?`,
    [sinceId],
  );
  return Promise.all(
    rows.map(async (row) => {
      const file = join(env.outboxDir, outboxFileName(`email:upgrade-completed:${row.id}`));
      return (await stat(file)).mtimeMs - row.paidAt.getTime();
    }),
  );
}
