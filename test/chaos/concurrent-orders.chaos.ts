import { expect } from 'chai';
import { startFleetApi } from './support/api-url.js';
import { reportOutcome } from './support/chaos-report.js';
import { runChaos } from './support/chaos-run.js';
import { FleetEnv } from './support/fleet-env.js';
import { httpClient, type UpgradeClient } from './support/upgrade-client.js';

const REQUESTS = 1_000;

describe('chaos: 1,000 concurrent upgrade requests for one service', function () {
  this.timeout(10 * 60_000);
  let env: FleetEnv;
  let baseUrl: string;

  before(async () => {
    env = await FleetEnv.start({ tag: 'chaosburst', services: 1, servers: 1, maxConcurrency: 2 });
    env.workers.start(2);
    await env.waitForWorkers(2);
    baseUrl = await startFleetApi(env);
  });
  after(async () => {
    await env?.close();
  });

  it(`${REQUESTS} POST /v1/services/:id/upgrades at once: exactly one order, the others 409 upgrade_open, one change, one email`, async () => {
    const http = httpClient(baseUrl, env.token);
    const responses: Record<string, number> = {};
    const client: UpgradeClient = {
      placeUpgrade: async (serviceId, productId) => {
        const answers = await Promise.all(
          Array.from({ length: REQUESTS }, () =>
            http.post(`/v1/services/${serviceId}/upgrades`, { productId, actor: 'client' }),
          ),
        );
        for (const { status, body } of answers) {
          const kind = `${status} ${status === 202 ? 'accepted' : ((body.error as { code?: string } | undefined)?.code ?? '')}`;
          responses[kind] = (responses[kind] ?? 0) + 1;
        }
        const accepted = answers.filter((a) => a.status === 202);
        if (accepted.length !== 1) throw new Error(`${accepted.length} orders accepted: ${JSON.stringify(responses)}`);
        return Number(accepted[0].body.upgradeId);
      },
      pay: (invoiceId, amount, transactionId) => http.pay(invoiceId, amount, transactionId),
    };
    const outcome = await runChaos(env, {
      scenario: '1,000 concurrent orders for one service',
      client,
      drive: { timeoutMs: 5 * 60_000 },
      fault: async () => ({ 'concurrent requests': REQUESTS }),
    });
    outcome.faults.responses = JSON.stringify(responses);
    const problems = reportOutcome(outcome);
    expect(responses).to.deep.equal({ '202 accepted': 1, '409 upgrade_open': REQUESTS - 1 });
    expect(outcome.audit.upgrades).to.equal(1);
    expect(problems).to.deep.equal([]);
  });
});
