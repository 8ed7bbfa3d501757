import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { reportOutcome } from './support/chaos-report.js';
import { runChaos } from './support/chaos-run.js';
import { chaosSize } from './support/chaos-scale.js';
import { FleetEnv } from './support/fleet-env.js';
import { GaleraCluster } from './support/galera-cluster.js';
import { useCaseClient } from './support/upgrade-client.js';

const UPGRADES = chaosSize(300, 150);

describe('chaos: a three-node MariaDB Galera cluster, the node in use SIGKILLed under load', function () {
  this.timeout(20 * 60_000);
  let galera: GaleraCluster;
  let env: FleetEnv;
  const switches: string[] = [];

  before(async function () {
    if (!GaleraCluster.available())
      throw new Error('Galera needs mariadbd, the galera-4 provider (apt-get install galera-4) and rsync');
    const started = Date.now();
    galera = await GaleraCluster.start(3);
    process.stdout.write(`    three Galera nodes synced in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    env = await FleetEnv.start({
      tag: 'chaosgal',
      services: UPGRADES,
      servers: 2,
      maxConcurrency: 4,
      changeLatencyMs: 30,
      env: { DATABASE_URL: `${galera.url}/upshift_chaosgal_${randomBytes(5).toString('hex')}` },
      onWorkerLine: (line) => {
        if (line.includes('database host failed')) switches.push(line);
      },
    });
    env.workers.start(2);
    await env.waitForWorkers(2);
  });
  after(async () => {
    await env?.close();
    await galera?.close();
  });

  it(`SIGKILL of the Galera node every process writes to while ${UPGRADES} upgrades flow: the pools move to a live node, every upgrade completes, nothing twice`, async () => {
    const outcome = await runChaos(env, {
      scenario: 'Galera node killed',
      client: useCaseClient(env.ctx),
      drive: { ratePerSec: 20, timeoutMs: 15 * 60_000 },
      fault: async () => {
        await sleep(5_000);
        const [inFlight] = await env.ctx.ds.query<Array<{ n: string }>>(
          `SELECT COUNT(*) AS n FROM upgrades WHERE status NOT IN ('completed', 'cancelled', 'rejected')`,
        );
        await galera.kill(0);
        const killedAt = Date.now();
        // The two survivors keep the quorum (2 of 3); the killed node stays down for 20 s, then rejoins by IST.
        await sleep(20_000);
        const during = await galera.view();
        await galera.up(0);
        const rejoinedAfter = (Date.now() - killedAt) / 1000;
        const after = await galera.view();
        return {
          'upgrades in flight at the kill': Number(inFlight.n),
          'cluster while the node was down': `${during.size} nodes (${during.states.join(', ')})`,
          'seconds until the killed node was Synced again': Number(rejoinedAfter.toFixed(1)),
          'cluster after': `${after.size} nodes`,
        };
      },
    });
    outcome.faults['worker pools that moved to another node'] = switches.length;
    const statuses = await Promise.all(galera.nodes.map((_, i) => galera.status(i)));
    outcome.faults['certification failures (wsrep_local_cert_failures, all nodes)'] = statuses.reduce(
      (s, x) => s + Number(x.wsrep_local_cert_failures ?? 0),
      0,
    );
    outcome.faults['brute-force aborts (wsrep_local_bf_aborts)'] = statuses.reduce(
      (s, x) => s + Number(x.wsrep_local_bf_aborts ?? 0),
      0,
    );
    const problems = reportOutcome(outcome);
    expect(problems).to.deep.equal([]);
    expect(outcome.audit.statuses).to.deep.equal({ completed: UPGRADES });
    const { scheduler: _sweeps, ...pipelineFailed } = outcome.failedJobs;
    expect(pipelineFailed).to.deep.equal({});
    expect(switches.length).to.be.greaterThan(0);
  });
});
