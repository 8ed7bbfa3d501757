import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from 'mysql2/promise';
import { parseDatabaseUrl } from '../../src/db/database-url.js';
import { reportOutcome } from './support/chaos-report.js';
import { randomBetween, runChaos } from './support/chaos-run.js';
import { chaosSize } from './support/chaos-scale.js';
import { FleetEnv } from './support/fleet-env.js';
import { useCaseClient } from './support/upgrade-client.js';

const UPGRADES = chaosSize(300, 150); // CHAOS_SHORT (CI)
const KILLING_MS = chaosSize(20_000, 10_000);

describe('chaos: MariaDB connections killed mid-run (KILL CONNECTION for the test database only)', function () {
  this.timeout(15 * 60_000);
  let env: FleetEnv;

  before(async () => {
    env = await FleetEnv.start({
      tag: 'chaosdb',
      services: UPGRADES,
      servers: 2,
      maxConcurrency: 4,
      changeLatencyMs: 30,
    });
    env.workers.start(2);
    await env.waitForWorkers(2);
  });
  after(async () => {
    await env?.close();
  });

  it(`kills every connection to the database every 0.2-1 s for ${KILLING_MS / 1000} s while ${UPGRADES} upgrades flow: every upgrade completes, nothing happens twice`, async () => {
    const { host, port, username, password, database } = parseDatabaseUrl(env.env.DATABASE_URL);
    const outcome = await runChaos(env, {
      scenario: 'MariaDB connections killed',
      client: useCaseClient(env.ctx),
      drive: { ratePerSec: 20, timeoutMs: 12 * 60_000 },
      fault: async () => {
        // An admin connection outside the database; workers, the driver and the API all lose theirs.
        const admin = await createConnection({ host, port, user: username, password });
        let killed = 0;
        let rounds = 0;
        try {
          const until = Date.now() + KILLING_MS;
          await sleep(2_000);
          while (Date.now() < until) {
            const [rows] = (await admin.query('SELECT id FROM information_schema.PROCESSLIST WHERE db = ?', [
              database,
            ])) as unknown as [Array<{ id: number }>];
            for (const { id } of rows)
              killed += await admin.query(`KILL CONNECTION ${Number(id)}`).then(
                () => 1,
                () => 0,
              ); // gone already: 0
            rounds += 1;
            await sleep(randomBetween(200, 1_000));
          }
        } finally {
          await admin.end();
        }
        return { 'kill rounds': rounds, 'connections killed': killed, 'seconds of killing': KILLING_MS / 1000 };
      },
    });
    expect(reportOutcome(outcome)).to.deep.equal([]);
  });
});
