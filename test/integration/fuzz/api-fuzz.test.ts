import { expect } from 'chai';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { entities } from '../../../src/db/entities/index.js';
import { Invoice } from '../../../src/db/entities/index.js';
import { upgradeOrdersProcessor } from '../../../workers/upgrade-orders.processor.js';
import { PIPELINE_TOKEN, startPipeline, type PipelineHarness } from '../../support/pipeline-harness.js';
import { runProcessor } from '../../support/run-processor.js';
import { create, seedCatalog } from '../../support/seed-catalog.js';
import { endpointsFor, type FuzzEndpoint, type FuzzIds } from './fuzz-endpoints.js';
import {
  INJECTION_STRINGS,
  MALFORMED_JSON,
  NOT_AN_OBJECT,
  leafPaths,
  withField,
  withoutField,
  wrongValueFor,
} from './fuzz-values.js';

/**
 * Hostile input at every route of the API: malformed JSON, other content types, huge and deeply nested bodies,
 * missing fields, wrong types (fast-check), out-of-range numbers, SQL and HTML injection strings in formatted
 * fields, unknown and malformed ids, prototype pollution, no or a wrong token. Each answer must be a 4xx with the
 * API's error body — never a 500 — and at the end no table has a row more and no queue a job more.
 */
describe('API fuzzing: bad requests get a 4xx JSON error and store nothing', function () {
  this.timeout(180_000);
  let h: PipelineHarness;
  let ids: FuzzIds;
  let endpoints: FuzzEndpoint[];
  let snapshot: Record<string, number>;
  const statuses = new Map<number, number>();

  /** Every table's row count and every queue's job count. */
  const counts = async (): Promise<Record<string, number>> => {
    const rows = await Promise.all(
      entities.map(
        async (entity) =>
          [`table ${h.db.ds.getMetadata(entity).tableName}`, await h.db.ds.getRepository(entity).count()] as const,
      ),
    );
    const jobs = await Promise.all(
      h.producer
        .allQueues()
        .map(
          async (q) => [`queue ${q.name}`, Object.values(await q.getJobCounts()).reduce((a, b) => a + b, 0)] as const,
        ),
    );
    return Object.fromEntries([...rows, ...jobs]);
  };

  before(async () => {
    h = await startPipeline({ queues: [] });
    const c = await seedCatalog(h);
    const server = await create(h, '/v1/servers', {
      name: 'whm',
      type: 'cpanel',
      hostname: 'panel.example.test',
      username: 'root',
      secret: 'token-1234',
      maxConcurrency: 2,
    });
    const promotion = await create(h, '/v1/promotions', { code: 'TEN', type: 'percent', value: '10' });
    const placed = await h.call('POST', `/v1/services/${c.serviceId}/upgrades`, {
      productId: c.proId,
      actor: 'client',
    });
    const { upgradeId } = placed.json<{ upgradeId: number }>();
    await runProcessor(upgradeOrdersProcessor(h.ctx), { upgradeId });
    const invoice = await h.db.ds.getRepository(Invoice).findOneByOrFail({ upgradeId });
    ids = { ...c, serverId: server.id, promotionId: promotion.id, upgradeId, invoiceId: invoice.id };
    endpoints = endpointsFor(ids);
    // Everything the fuzzing may not change: jobs the setup left (the invoice email) count as they are now.
    snapshot = await counts();
  });
  after(async () => {
    process.stdout.write(`      answers by status: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`);
    await h?.close();
  });

  const send = async (opts: InjectOptions, label: string): Promise<LightMyRequestResponse> => {
    const res = await h.app.inject({
      ...opts,
      headers: { authorization: `Bearer ${PIPELINE_TOKEN}`, ...opts.headers },
    });
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    expect(res.statusCode, `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`).to.be.within(400, 499);
    expect(res.headers['content-type'], label).to.match(/^application\/json/);
    const body = res.json<{ error?: { code?: unknown; message?: unknown } }>();
    expect(body.error?.code, `${label}: ${res.body.slice(0, 200)}`).to.be.a('string');
    expect(body.error?.message, label).to.be.a('string');
    return res;
  };
  const json = (endpoint: FuzzEndpoint, payload: string | Buffer, extra: Record<string, string> = {}) =>
    send(
      {
        method: endpoint.method,
        url: endpoint.url,
        payload,
        headers: { 'content-type': 'application/json', ...extra },
      },
      `${endpoint.method} ${endpoint.url} ${String(payload).slice(0, 60)}`,
    );
  const withBody = () => endpoints.filter((e) => e.body !== undefined);

  it('malformed JSON → 400; JSON that is not an object → 4xx', async () => {
    for (const endpoint of withBody()) {
      for (const payload of MALFORMED_JSON) {
        const res = await json(endpoint, payload);
        expect(res.statusCode, `${endpoint.url} ${String(payload).slice(0, 40)}`).to.equal(400);
      }
      for (const payload of NOT_AN_OBJECT) await json(endpoint, payload);
    }
  });

  it('bodies that are not JSON → 415', async () => {
    for (const endpoint of withBody()) {
      for (const [type, payload] of [
        ['text/plain', 'email=a'],
        ['application/x-www-form-urlencoded', 'email=a%40b.test'],
        ['application/xml', '<client/>'],
        ['multipart/form-data; boundary=x', '--x--'],
      ]) {
        expect(
          (
            await send(
              { method: endpoint.method, url: endpoint.url, payload, headers: { 'content-type': type } },
              `${endpoint.url} as ${type}`,
            )
          ).statusCode,
        ).to.equal(415);
      }
    }
  });

  it('a body over 1 MiB → 413; 100 000 levels of nesting and 100 000-element arrays → 400', async () => {
    for (const endpoint of withBody()) {
      expect(
        (await json(endpoint, JSON.stringify({ ...endpoint.body, name: 'x'.repeat(1_048_576) }))).statusCode,
      ).to.equal(413);
      await json(endpoint, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
      await json(endpoint, `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`);
      const [first] = leafPaths(endpoint.body!);
      if (first)
        await json(
          endpoint,
          JSON.stringify(
            withField(
              endpoint.body!,
              first,
              Array.from({ length: 100_000 }, (_, i) => i),
            ),
          ),
        );
    }
  });

  it('each required field missing → 400 naming it', async () => {
    for (const endpoint of withBody()) {
      for (const field of endpoint.required) {
        const res = await json(endpoint, JSON.stringify(withoutField(endpoint.body!, field)));
        expect(res.statusCode).to.equal(400);
        const details = res.json<{ error: { details?: Array<{ field: string }> } }>().error.details ?? [];
        expect(
          details.map((d) => d.field),
          `${endpoint.url} without ${field}`,
        ).to.include(field.replace(/\.(\d+)(?=\.|$)/g, '[$1]'));
      }
    }
  });

  it('a wrong type or an out-of-range value in any field (fast-check) → 4xx', async () => {
    const cases = withBody().flatMap((endpoint) => leafPaths(endpoint.body!, true).map((path) => ({ endpoint, path })));
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...cases)
          .chain(({ endpoint, path }) =>
            wrongValueFor(pathValue(endpoint.body!, path)).map((value) => ({ endpoint, path, value })),
          ),
        async ({ endpoint, path, value }) => {
          await json(endpoint, JSON.stringify(withField(endpoint.body!, path, value)));
        },
      ),
      { numRuns: 600 },
    );
  });

  it('a quantity over 1 000 000 → 400, whatever the option allows', async () => {
    const upgrades = withBody().find((e) => e.url.endsWith('/upgrades'))!;
    const res = await json(upgrades, JSON.stringify(withField(upgrades.body!, 'options.0.qty', 1_000_001)));
    expect(res.statusCode).to.equal(400);
    expect(res.body).to.include('options[0].qty');
  });

  it('amounts too large for the money columns → 400 naming the field', async () => {
    for (const endpoint of withBody()) {
      for (const field of endpoint.money ?? []) {
        for (const amount of ['99999999999999', '9'.repeat(30), `1${'0'.repeat(20)}.00`]) {
          const res = await json(endpoint, JSON.stringify(withField(endpoint.body!, field, amount)));
          expect(res.statusCode, `${endpoint.url} ${field} ${amount}`).to.equal(400);
          expect(res.body, `${endpoint.url} ${field}`).to.include('too large');
        }
      }
    }
  });

  it('SQL and HTML injection strings in formatted fields → 4xx', async () => {
    for (const endpoint of withBody()) {
      for (const field of endpoint.formatted) {
        for (const text of INJECTION_STRINGS)
          await json(endpoint, JSON.stringify(withField(endpoint.body!, field, text)));
      }
    }
    for (const text of INJECTION_STRINGS) {
      await send(
        { method: 'GET', url: `/v1/clients/${encodeURIComponent(text)}` },
        `GET /v1/clients/${text.slice(0, 30)}`,
      );
      await send(
        { method: 'GET', url: `/v1/services/${ids.serviceId}/upgrade-options?actor=${encodeURIComponent(text)}` },
        `upgrade-options actor ${text.slice(0, 30)}`,
      );
    }
  });

  it('unknown and malformed ids in paths and bodies → 400, 404 or 422', async () => {
    const badIds = [
      '0',
      '-1',
      'abc',
      '1.5',
      '1e3',
      '0x10',
      '99999999',
      '4294967296',
      '99999999999999999999',
      '%27%20OR%201%3D1',
      '%E0%A4%A',
      '..%2F1',
    ];
    for (const resource of ['servers', 'products', 'clients', 'services', 'promotions', 'invoices', 'upgrades']) {
      for (const id of badIds) await send({ method: 'GET', url: `/v1/${resource}/${id}` }, `GET ${resource}/${id}`);
    }
    for (const endpoint of endpoints.filter((e) => /\/\d+(?=\/|$)/.test(e.url))) {
      for (const id of ['99999999', '0', 'x']) {
        await send(
          {
            method: endpoint.method,
            url: endpoint.url.replace(/\/\d+(?=\/|$)/, `/${id}`),
            payload: JSON.stringify(endpoint.body ?? {}),
            headers: { 'content-type': 'application/json' },
          },
          `${endpoint.url} with id ${id}`,
        );
      }
    }
    for (const endpoint of withBody()) {
      for (const field of endpoint.references) {
        const res = await json(endpoint, JSON.stringify(withField(endpoint.body!, field, 99_999_999)));
        expect(res.statusCode, `${endpoint.url} ${field}`).to.be.oneOf([404, 409, 422]);
      }
    }
  });

  it('prototype pollution, unknown fields and a bad Idempotency-Key → 400', async () => {
    for (const endpoint of withBody()) {
      for (const payload of [
        `{"__proto__":{"admin":true},${JSON.stringify(endpoint.body).slice(1)}`,
        `{"constructor":{"prototype":{"admin":true}},${JSON.stringify(endpoint.body).slice(1)}`,
        JSON.stringify({ ...endpoint.body, unexpected: 1 }),
      ])
        expect((await json(endpoint, payload)).statusCode).to.equal(400);
    }
    for (const endpoint of withBody().filter((e) => e.idempotent)) {
      expect(
        (await json(endpoint, JSON.stringify(endpoint.body), { 'idempotency-key': 'has spaces' })).statusCode,
      ).to.equal(400);
    }
    expect({}).to.not.have.property('admin');
  });

  it('no token, a wrong token, an unknown route → 401 / 404', async () => {
    for (const endpoint of endpoints) {
      for (const authorization of [
        '',
        'Bearer',
        `Bearer ${PIPELINE_TOKEN}x`,
        `Basic ${Buffer.from('a:b').toString('base64')}`,
      ]) {
        const res = await send(
          {
            method: endpoint.method,
            url: endpoint.url,
            payload: JSON.stringify(endpoint.body ?? {}),
            headers: { authorization, 'content-type': 'application/json' },
          },
          `${endpoint.url} auth '${authorization}'`,
        );
        expect(res.statusCode).to.equal(401);
      }
    }
    for (const [method, url] of [
      ['DELETE', `/v1/clients/${ids.clientId}`],
      ['PUT', '/v1/clients'],
      ['GET', '/v1/nothing'],
      ['POST', '/v2/clients'],
    ] as const) {
      expect((await send({ method, url }, `${method} ${url}`)).statusCode).to.equal(404);
    }
  });

  it('stored nothing and enqueued nothing', async () => {
    expect(await counts()).to.deep.equal(snapshot);
  });
});

/** The value at a dotted path of a body. */
function pathValue(body: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], body);
}
