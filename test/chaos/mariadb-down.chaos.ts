import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatMoney } from '../../src/domain/money.js';
import type { QueueName } from '../../src/queues/queue-names.js';
import { startFleetApi } from './support/api-url.js';
import { auditRun } from './support/audit.js';
import { reportOutcome } from './support/chaos-report.js';
import { FleetEnv } from './support/fleet-env.js';
import { MariadbChild } from './support/mariadb-child.js';
import { httpClient } from './support/upgrade-client.js';

/** Wave A is paid early (panel changes and emails under way), wave B is paid and wave C ordered just before the outage. */
const WAVE_A = 20;
const WAVE_B = 20;
const WAVE_C = 10;
const DOWN_MS = Number(process.env.CHAOS_MARIADB_DOWN_SECONDS ?? 180) * 1000;

describe('chaos: MariaDB down for three minutes (a private mariadbd, SIGKILLed and restarted)', function () {
  this.timeout(25 * 60_000);
  let mariadb: MariadbChild;
  let env: FleetEnv;
  let baseUrl: string;

  before(async () => {
    mariadb = await MariadbChild.start();
    env = await FleetEnv.start({
      tag: 'chaosmdb',
      services: WAVE_A + WAVE_B + WAVE_C,
      servers: 2,
      maxConcurrency: 2,
      changeLatencyMs: 2_000,
      env: { DATABASE_URL: `${mariadb.url}/upshift_chaosmdb_${randomBytes(5).toString('hex')}` },
    });
    env.workers.start(2);
    await env.waitForWorkers(2);
    baseUrl = await startFleetApi(env);
  });
  after(async () => {
    await env?.close();
    await mariadb?.close();
  });

  it(`${WAVE_A + WAVE_B + WAVE_C} upgrades, the database gone for ${DOWN_MS / 1000} s while their jobs run out of attempts: the healing sweep completes every one, nothing twice`, async () => {
    const http = httpClient(baseUrl, env.token);
    const ds = env.ctx.ds;
    const services = env.catalog.services;
    const retrying = async <T>(what: string, call: () => Promise<T>, timeoutMs = 60_000): Promise<T> => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        try {
          return await call();
        } catch (err) {
          if (Date.now() > until) throw new Error(`${what}: ${(err as Error).message}`, { cause: err });
          await sleep(500);
        }
      }
    };
    const order = (serviceId: number) =>
      retrying(`order of service ${serviceId}`, () => http.placeUpgrade(serviceId, env.catalog.proId));
    const invoiceOf = (upgradeId: number, timeoutMs = 30_000) =>
      retrying(
        `invoice of upgrade ${upgradeId}`,
        async () => {
          const [row] = await ds.query<Array<{ id: number; total: string }>>(
            'SELECT id, total FROM invoices WHERE upgradeId = ?',
            [upgradeId],
          );
          if (!row) throw new Error('not invoiced yet');
          return row;
        },
        timeoutMs,
      );
    const pay = (upgradeId: number, invoice: { id: number; total: string }) =>
      retrying(`payment of invoice ${invoice.id}`, () =>
        http.pay(invoice.id, formatMoney(BigInt(invoice.total), 2), `mdb-${upgradeId}`),
      );
    const statuses = async () =>
      Object.fromEntries(
        (
          await ds.query<Array<{ status: string; n: string }>>(
            'SELECT status, COUNT(*) AS n FROM upgrades GROUP BY status',
          )
        ).map((r) => [r.status, Number(r.n)]),
      );
    const held: QueueName[] = ['upgrade-orders', 'invoice-paid'];
    const started = Date.now();

    // Wave A: ordered and paid; its panel changes (2 s each, 4 at a time) and emails are under way when the database goes.
    const waveA = await Promise.all(services.slice(0, WAVE_A).map((s) => order(s.id)));
    await Promise.all(waveA.map(async (id) => pay(id, await invoiceOf(id))));
    // Wave B: ordered and invoiced; then, with the order and invoice-paid queues held so that their jobs are still to run,
    // wave B is paid and wave C ordered — committed in the database, their jobs in Redis.
    const waveB = await Promise.all(services.slice(WAVE_A, WAVE_A + WAVE_B).map((s) => order(s.id)));
    const invoicesB = await Promise.all(waveB.map((id) => invoiceOf(id)));
    for (const q of held) await env.runtime.producer.queue(q).pause();
    await Promise.all(waveB.map((id, i) => pay(id, invoicesB[i])));
    const waveC = await Promise.all(services.slice(WAVE_A + WAVE_B).map((s) => order(s.id)));
    const atOutage = await statuses();

    // The database crashes; the held jobs run against it and use up their attempts (8 over about two minutes).
    await mariadb.down('kill');
    const downAt = Date.now();
    for (const q of held) await env.runtime.producer.queue(q).resume();
    await sleep(DOWN_MS);
    await mariadb.up();
    const upAt = Date.now();
    const failedAtRestart: Record<string, number> = {};
    for (const q of env.runtime.producer.allQueues()) {
      const { failed } = await q.getJobCounts('failed');
      if (failed) failedAtRestart[q.name] = failed;
    }

    // The front-end pays wave C once the healed orders have their invoices.
    await Promise.all(waveC.map(async (id) => pay(id, await invoiceOf(id, 8 * 60_000))));
    const all = [...waveA, ...waveB, ...waveC];
    const until = Date.now() + 10 * 60_000;
    let settledAt: number;
    for (;;) {
      const s = await statuses().catch((): Record<string, number> => ({}));
      settledAt = Date.now();
      if (((s.completed ?? 0) >= all.length && (await env.queuesIdle())) || Date.now() > until) break;
      await sleep(500);
    }

    const failedJobs: Record<string, number> = {};
    for (const q of env.runtime.producer.allQueues()) {
      const { failed } = await q.getJobCounts('failed');
      if (failed) failedJobs[q.name] = failed;
    }
    const heals = await ds.query<
      Array<{ state: string; queue: string; n: string; upgrades: string; maxRound: number }>
    >(
      'SELECT state, queue, COUNT(*) AS n, COUNT(DISTINCT upgradeId) AS upgrades, MAX(round) AS maxRound FROM upgrade_heals GROUP BY state, queue ORDER BY state',
    );
    const [{ reports }] = await ds.query<Array<{ reports: string }>>(
      'SELECT COUNT(DISTINCT upgradeId, state) AS reports FROM upgrade_heals',
    );
    const audit = await auditRun(ds, env.farm, env.catalog, env.outboxDir, env.ctx.config.staffEmail);
    const outcome = {
      scenario: 'MariaDB down',
      faults: {
        'seconds down (SIGKILL, then restart on the same data)': Math.round((upAt - downAt) / 1000),
        'upgrades at the outage': JSON.stringify(atOutage),
        'jobs failed for good by the restart': JSON.stringify(failedAtRestart),
        heals: heals
          .map((x) => `${x.state}→${x.queue} ${x.n} (${x.upgrades} upgrades, max round ${x.maxRound})`)
          .join('; '),
        'staff heal reports expected': Number(reports),
        'seconds from restart to all completed': Math.round((settledAt - upAt) / 1000),
      },
      seconds: (settledAt - started) / 1000,
      failedJobs,
      audit,
    };
    const problems = reportOutcome(outcome);
    expect(audit.statuses).to.deep.equal({ completed: all.length });
    expect(problems).to.deep.equal([]);
    // Money jobs did fail for good (the case the healing sweep is for), and every stuck row was healed and reported once.
    expect((failedAtRestart['invoice-paid'] ?? 0) + (failedAtRestart['upgrade-orders'] ?? 0)).to.be.greaterThan(0);
    expect(audit.staffNotices).to.equal(Number(reports));
  });
});
