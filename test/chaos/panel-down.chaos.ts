import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { reportOutcome } from './support/chaos-report.js';
import { runChaos } from './support/chaos-run.js';
import { FleetEnv } from './support/fleet-env.js';
import { useCaseClient } from './support/upgrade-client.js';

const UPGRADES = 200;
/** CHAOS_PANEL_DOWN_SECONDS shortens the outage (e.g. for CI); the scenario is a minute. */
const DOWN_S = Number(process.env.CHAOS_PANEL_DOWN_SECONDS ?? 60);

describe('chaos: every panel server down, then back', function () {
  this.timeout(15 * 60_000);
  let env: FleetEnv;

  before(async () => {
    env = await FleetEnv.start({
      tag: 'chaospanel',
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

  it(`${DOWN_S} s of 503s and connection resets on all servers while ${UPGRADES} upgrades flow: every upgrade completes, nothing happens twice`, async () => {
    const outcome = await runChaos(env, {
      scenario: 'panel down',
      client: useCaseClient(env.ctx),
      drive: { ratePerSec: 20, timeoutMs: 12 * 60_000 },
      fault: async () => {
        await sleep(3_000);
        const requests = () => env.farm.servers.reduce((sum, s) => sum + s.count(), 0);
        const before = requests();
        env.farm.down('status');
        await sleep((DOWN_S * 1000) / 2);
        env.farm.down('reset');
        await sleep((DOWN_S * 1000) / 2);
        env.farm.up();
        return {
          'seconds down': DOWN_S,
          'first half': 'HTTP 503',
          'second half': 'connection reset',
          'panel requests refused': requests() - before,
        };
      },
    });
    expect(reportOutcome(outcome)).to.deep.equal([]);
  });
});
