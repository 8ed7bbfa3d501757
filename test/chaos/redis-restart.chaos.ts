import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { reportOutcome } from './support/chaos-report.js';
import { runChaos } from './support/chaos-run.js';
import { chaosSize } from './support/chaos-scale.js';
import { FleetEnv } from './support/fleet-env.js';
import { RedisChild } from './support/redis-child.js';
import { useCaseClient } from './support/upgrade-client.js';

const UPGRADES = chaosSize(300, 150); // CHAOS_SHORT (CI)
const DOWN_MS = 3_000;

describe('chaos: Redis restarted mid-run (a private redis-server, append-only file on)', function () {
  this.timeout(15 * 60_000);
  let redis: RedisChild;
  let env: FleetEnv;

  before(async () => {
    redis = await RedisChild.start();
    env = await FleetEnv.start({
      tag: 'chaosredis',
      services: UPGRADES,
      servers: 2,
      maxConcurrency: 4,
      changeLatencyMs: 30,
      redisUrl: redis.url,
    });
    env.workers.start(2);
    await env.waitForWorkers(2);
  });
  after(async () => {
    await env?.close();
    await redis?.close();
  });

  it(`a clean restart and a crash (SIGKILL) of Redis while ${UPGRADES} upgrades flow: every upgrade completes, nothing happens twice`, async () => {
    const outcome = await runChaos(env, {
      scenario: 'Redis restarted',
      client: useCaseClient(env.ctx),
      drive: { ratePerSec: 20, timeoutMs: 12 * 60_000 },
      fault: async () => {
        // Orders keep coming while Redis is away: they are committed, and the stuck sweep enqueues what Redis lost.
        await sleep(4_000);
        await redis.down('shutdown');
        await sleep(DOWN_MS);
        await redis.up();
        await sleep(4_000);
        await redis.down('kill');
        await sleep(DOWN_MS);
        await redis.up();
        return {
          'clean SHUTDOWN restarts': 1,
          'SIGKILL restarts (≤ 1 s of writes lost)': 1,
          'seconds down each time': DOWN_MS / 1000,
        };
      },
    });
    expect(reportOutcome(outcome)).to.deep.equal([]);
  });
});
