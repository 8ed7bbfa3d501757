import { expect } from 'chai';
import { startFleetApi } from './support/api-url.js';
import { reportOutcome } from './support/chaos-report.js';
import { runChaos } from './support/chaos-run.js';
import { FleetEnv } from './support/fleet-env.js';
import { httpClient, type UpgradeClient } from './support/upgrade-client.js';

const UPGRADES = 40;
const COPIES = 20;

describe('chaos: the same payment webhook sent concurrently twenty times', function () {
  this.timeout(10 * 60_000);
  let env: FleetEnv;
  let baseUrl: string;

  before(async () => {
    env = await FleetEnv.start({
      tag: 'chaoshook',
      services: UPGRADES,
      servers: 2,
      maxConcurrency: 4,
      changeLatencyMs: 30,
    });
    env.workers.start(2);
    await env.waitForWorkers(2);
    baseUrl = await startFleetApi(env);
  });
  after(async () => {
    await env?.close();
  });

  it(`${COPIES} identical POST /v1/invoices/:id/payments at once for each of ${UPGRADES} invoices: one payment, one change, one email each`, async () => {
    const http = httpClient(baseUrl, env.token);
    const responses: Record<string, number> = {};
    // A gateway retrying its webhook: the same body twenty times at once, half of the copies with one Idempotency-Key.
    // 202 recorded: the payment was stored by this request; 202 duplicate: the transaction was already recorded;
    // 202 replayed: the stored answer to the same key; 409 idempotency_key_in_progress: that key's first request runs.
    const client: UpgradeClient = {
      placeUpgrade: (serviceId, productId) => http.placeUpgrade(serviceId, productId),
      pay: async (invoiceId, amount, transactionId) => {
        const copies = await Promise.all(
          Array.from({ length: COPIES }, (_, i) =>
            http.post(
              `/v1/invoices/${invoiceId}/payments`,
              { amount, gateway: 'stripe', transactionId },
              i % 2 === 0 ? `hook-${transactionId}` : undefined,
            ),
          ),
        );
        for (const { status, body, replayed } of copies) {
          const kind = `${status}${status === 202 ? (replayed ? ' replayed' : body.duplicate ? ' duplicate' : ' recorded') : ` ${(body.error as { code?: string } | undefined)?.code ?? ''}`}`;
          responses[kind] = (responses[kind] ?? 0) + 1;
        }
      },
    };
    const outcome = await runChaos(env, {
      scenario: 'payment webhook ×20',
      client,
      drive: { parallel: 8, timeoutMs: 5 * 60_000 },
      fault: async () => ({
        'copies per payment': COPIES,
        'copies with one Idempotency-Key': COPIES / 2,
        'copies without': COPIES / 2,
      }),
    });
    outcome.faults.responses = JSON.stringify(responses);
    const problems = reportOutcome(outcome);
    expect(responses['202 recorded']).to.equal(UPGRADES);
    expect(Object.keys(responses).every((k) => k.startsWith('202') || k.startsWith('409'))).to.equal(
      true,
      JSON.stringify(responses),
    );
    expect(outcome.audit.payments).to.equal(UPGRADES);
    expect(problems).to.deep.equal([]);
  });
});
