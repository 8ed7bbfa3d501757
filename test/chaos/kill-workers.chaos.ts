import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { reportOutcome } from './support/chaos-report.js';
import { randomBetween, runChaos } from './support/chaos-run.js';
import { chaosSize } from './support/chaos-scale.js';
import { FleetEnv } from './support/fleet-env.js';
import { useCaseClient } from './support/upgrade-client.js';

const UPGRADES = chaosSize(400, 150); // CHAOS_SHORT (CI): fewer upgrades and kills, same timings
const KILLS = chaosSize(30, 10);

describe('chaos: kill -9 of worker processes at random moments', function () {
  this.timeout(15 * 60_000);
  let env: FleetEnv;

  before(async () => {
    env = await FleetEnv.start({
      tag: 'chaoskill',
      services: UPGRADES,
      servers: 4,
      maxConcurrency: 3,
      changeLatencyMs: 30,
    });
    env.workers.start(2);
    await env.waitForWorkers(2);
  });
  after(async () => {
    await env?.close();
  });

  it(`${KILLS} SIGKILLs while ${UPGRADES} upgrades flow: every upgrade completes, nothing happens twice`, async () => {
    const outcome = await runChaos(env, {
      scenario: 'kill -9',
      client: useCaseClient(env.ctx),
      drive: { ratePerSec: 25, timeoutMs: 12 * 60_000 },
      fault: async () => {
        // Two worker processes at all times: kill one at a random moment, start its replacement at once.
        const gaps: number[] = [];
        for (let i = 0; i < KILLS; i++) {
          const gap = randomBetween(200, 1_500);
          gaps.push(gap);
          await sleep(gap);
          await env.workers.kill('SIGKILL');
          env.workers.start(1);
        }
        return {
          SIGKILLs: env.workers.kills,
          'ms between kills': `${Math.min(...gaps)}-${Math.max(...gaps)}`,
          'worker processes': 2,
        };
      },
    });
    const problems = reportOutcome(outcome);
    expect(env.workers.kills).to.equal(KILLS);
    expect(problems).to.deep.equal([]);
  });
});
