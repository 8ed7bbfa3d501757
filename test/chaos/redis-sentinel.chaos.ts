import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { reportOutcome } from './support/chaos-report.js';
import { runChaos } from './support/chaos-run.js';
import { chaosSize } from './support/chaos-scale.js';
import { FleetEnv } from './support/fleet-env.js';
import { RedisSentinelChild } from './support/redis-sentinel-child.js';
import { useCaseClient } from './support/upgrade-client.js';

const UPGRADES = chaosSize(300, 150);

describe('chaos: Redis behind Sentinel, the master SIGKILLed and the replica promoted', function () {
  this.timeout(20 * 60_000);
  let redis: RedisSentinelChild;
  let env: FleetEnv;

  before(async () => {
    redis = await RedisSentinelChild.start({ downAfterMs: 5_000 });
    env = await FleetEnv.start({
      tag: 'chaossent',
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

  it(`SIGKILL of the Redis master while ${UPGRADES} upgrades are in flight: Sentinel promotes the replica, every upgrade completes, nothing twice`, async () => {
    const outcome = await runChaos(env, {
      scenario: 'Redis Sentinel failover',
      client: useCaseClient(env.ctx),
      drive: { ratePerSec: 20, timeoutMs: 15 * 60_000 },
      fault: async () => {
        await sleep(5_000);
        const oldMaster = await redis.masterIndex();
        const oldPort = redis.servers[oldMaster].port;
        const [inFlight] = await env.ctx.ds.query<Array<{ n: string }>>(
          `SELECT COUNT(*) AS n FROM upgrades WHERE status NOT IN ('completed', 'cancelled', 'rejected')`,
        );
        const killedAt = Date.now();
        await redis.kill(oldMaster);
        const newPort = await redis.waitForFailover(oldPort);
        const promotedAfter = (Date.now() - killedAt) / 1000;
        // The old master comes back on its data; the Sentinels turn it into a replica of the new master.
        await sleep(5_000);
        await redis.restart(oldMaster);
        return {
          'upgrades in flight at the kill': Number(inFlight.n),
          'Sentinel down-after-milliseconds': 5_000,
          'seconds from SIGKILL to the replica answering as master': Number(promotedAfter.toFixed(1)),
          'new master': newPort === oldPort ? 'same' : 'the former replica',
        };
      },
    });
    const [heals] = await env.ctx.ds.query<Array<{ n: string; upgrades: string }>>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT upgradeId) AS upgrades FROM upgrade_heals',
    );
    outcome.faults['jobs lost in the failover and healed by the stuck sweep'] =
      `${heals.n} (${heals.upgrades} upgrades)`;
    const problems = reportOutcome(outcome);
    expect(problems).to.deep.equal([]);
    expect(outcome.audit.statuses).to.deep.equal({ completed: UPGRADES });
    const { scheduler: _sweepsFailedDuringFailover, ...pipelineFailed } = outcome.failedJobs;
    expect(pipelineFailed).to.deep.equal({});
  });
});
