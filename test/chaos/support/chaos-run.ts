import { setTimeout as sleep } from 'node:timers/promises';
import { auditRun } from './audit.js';
import type { ChaosOutcome } from './chaos-report.js';
import type { FleetEnv } from './fleet-env.js';
import type { UpgradeClient } from './upgrade-client.js';
import { countStatuses, driveUpgrades, type DriveOptions } from './upgrade-driver.js';

/** Options of {@link runChaos}. */
export interface ChaosRunOptions {
  scenario: string;
  /** The front-end: use cases in this process by default. */
  client: UpgradeClient;
  drive: DriveOptions;
  /** Injects the fault while the orders flow; resolves with what it did. */
  fault: () => Promise<Record<string, number | string>>;
  /** After the fault and the orders: wait at most this long for every upgrade to settle. @defaultValue 8 min */
  settleMs?: number;
}

/**
 * One chaos scenario: orders flow (driven as a front-end would, retrying failed calls) while `fault` runs; then it
 * waits (bounded) for every upgrade to reach a terminal state and every job to finish (invoice emails do not hold
 * an upgrade up), and audits. A run that does not settle is still
 * audited, so the report says what was left behind rather than only "timeout".
 */
export async function runChaos(env: FleetEnv, opts: ChaosRunOptions): Promise<ChaosOutcome> {
  const started = Date.now();
  const [faults, drive] = await Promise.all([
    opts.fault(),
    driveUpgrades(env.ctx.ds, opts.client, env.catalog.services, env.catalog.proId, {
      attempts: 30,
      ...opts.drive,
    }).then(
      (run) => run,
      (err: Error) => err,
    ),
  ]);
  const until = Date.now() + (opts.settleMs ?? 8 * 60_000);
  let settledAt: number;
  for (;;) {
    const statuses = await countStatuses(env.ctx.ds).catch((): Record<string, number> => ({}));
    const terminal = (statuses.completed ?? 0) + (statuses.cancelled ?? 0) + (statuses.rejected ?? 0);
    settledAt = Date.now();
    if ((terminal >= env.catalog.services.length && (await env.queuesIdle())) || Date.now() > until) break;
    await sleep(250);
  }
  if (drive instanceof Error) faults['front-end error'] = drive.message.slice(0, 200);
  else faults['front-end calls retried'] = drive.retries;
  const failedJobs: Record<string, number> = {};
  for (const queue of env.runtime.producer.allQueues()) {
    const { failed } = await queue.getJobCounts('failed');
    if (failed) failedJobs[queue.name] = failed;
  }
  return {
    scenario: opts.scenario,
    faults,
    seconds: (settledAt - started) / 1000,
    failedJobs,
    audit: await auditRun(env.ctx.ds, env.farm, env.catalog, env.outboxDir, env.ctx.config.staffEmail),
  };
}

/** A random whole number in [min, max]. */
export function randomBetween(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}
