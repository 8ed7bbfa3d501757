import { expect } from 'chai';
import { z } from 'zod';
import type { ApiRoutePlugin } from '../../../src/api/api-route-plugin.js';
import { defineRoute, registerRoute } from '../../../src/api/route-spec.js';
import { IdempotencyStore } from '../../../src/api/idempotency/idempotency-store.js';
import { IdempotencyKey } from '../../../src/db/entities/index.js';
import { Client } from '../../../src/db/entities/index.js';
import { OTHER_TOKEN, startApiHarness, type ApiHarness } from './api-harness.js';

/** A deferred the test resolves, to hold a request "in flight" for as long as it likes. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

let slowGate = gate();
let slowEntered = gate();
let failuresLeft = 0;
let handled = 0;

/** Test-only routes, declared like the real ones so the response validation of the harness covers them too. */
const testRoutes: ApiRoutePlugin = (app) => {
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/v1/test/slow',
      operationId: 'testSlow',
      tag: 'Operations',
      roles: ['staff'],
      idempotent: true,
      summary: 'Holds the request until the test opens the gate',
      status: 202,
      response: z.strictObject({ n: z.number() }),
      responseDescription: 'How many requests ran',
      handler: async () => {
        slowEntered.open();
        await slowGate.wait;
        handled += 1;
        return { n: handled };
      },
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/v1/test/flaky/:id',
      operationId: 'testFlaky',
      tag: 'Operations',
      roles: ['staff'],
      idempotent: true,
      summary: 'Fails while failuresLeft > 0',
      status: 201,
      params: z.strictObject({ id: z.string() }),
      response: z.strictObject({ n: z.number(), params: z.strictObject({ id: z.string() }) }),
      responseDescription: 'How many requests ran, and the params',
      handler: async ({ params }) => {
        handled += 1;
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('transient');
        }
        return { n: handled, params };
      },
    }),
  );
};

const client = { email: 'ada@example.test', name: 'Ada', currency: 'USD' };

describe('Idempotency-Key (MariaDB)', () => {
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness({ routes: [testRoutes] });
  });
  after(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await h.db.ds.getRepository(IdempotencyKey).clear();
    handled = 0;
  });

  it('same key + same body → the identical response, replayed, and one row', async () => {
    const first = await h.call('POST', '/v1/clients', client, { 'idempotency-key': 'create-ada-1' });
    const second = await h.call(
      'POST',
      '/v1/clients',
      { currency: 'USD', name: 'Ada', email: 'ada@example.test' },
      { 'idempotency-key': 'create-ada-1' },
    );
    expect(first.statusCode).to.equal(201);
    expect(second.statusCode).to.equal(201);
    expect(second.body).to.equal(first.body);
    expect(second.headers['idempotent-replayed']).to.equal('true');
    expect(first.headers['idempotent-replayed']).to.equal(undefined);
    expect(await h.db.ds.getRepository(Client).countBy({ email: 'ada@example.test' })).to.equal(1);
  });

  it('same key + another body → 409 idempotency_key_reused, nothing created', async () => {
    await h.call('POST', '/v1/clients', { ...client, email: 'bob@example.test' }, { 'idempotency-key': 'k-reuse' });
    const res = await h.call(
      'POST',
      '/v1/clients',
      { ...client, email: 'eve@example.test' },
      { 'idempotency-key': 'k-reuse' },
    );
    expect(res.statusCode).to.equal(409);
    expect(res.json().error.code).to.equal('idempotency_key_reused');
    expect(await h.db.ds.getRepository(Client).countBy({ email: 'eve@example.test' })).to.equal(0);
  });

  it('stores and replays 4xx answers too (same key, same invalid body → the same 400)', async () => {
    const bad = { ...client, currency: 'XXX' };
    const first = await h.call('POST', '/v1/clients', bad, { 'idempotency-key': 'k-bad' });
    const second = await h.call('POST', '/v1/clients', bad, { 'idempotency-key': 'k-bad' });
    expect(first.statusCode).to.equal(400);
    expect([second.statusCode, second.body, second.headers['idempotent-replayed']]).to.deep.equal([
      400,
      first.body,
      'true',
    ]);
  });

  it('without a key, each POST creates', async () => {
    await h.call('POST', '/v1/clients', { ...client, email: 'twice@example.test' });
    await h.call('POST', '/v1/clients', { ...client, email: 'twice@example.test' });
    expect(await h.db.ds.getRepository(Client).countBy({ email: 'twice@example.test' })).to.equal(2);
  });

  it('a concurrent duplicate while the first is in flight → 409 idempotency_key_in_progress; later → replay', async () => {
    slowGate = gate();
    slowEntered = gate();
    const first = h.call('POST', '/v1/test/slow', { a: 1 }, { 'idempotency-key': 'k-slow' });
    await slowEntered.wait;
    const concurrent = await h.call('POST', '/v1/test/slow', { a: 1 }, { 'idempotency-key': 'k-slow' });
    expect(concurrent.statusCode).to.equal(409);
    expect(concurrent.json().error.code).to.equal('idempotency_key_in_progress');
    slowGate.open();
    const done = await first;
    expect([done.statusCode, done.json()]).to.deep.equal([202, { n: 1 }]);
    const later = await h.call('POST', '/v1/test/slow', { a: 1 }, { 'idempotency-key': 'k-slow' });
    expect([later.statusCode, later.json()]).to.deep.equal([202, { n: 1 }]);
    expect(handled).to.equal(1);
  });

  it('a 5xx is not stored: the retry with the same key runs again', async () => {
    failuresLeft = 1;
    const failed = await h.call('POST', '/v1/test/flaky/7', { a: 1 }, { 'idempotency-key': 'k-flaky' });
    expect(failed.statusCode).to.equal(500);
    expect(await h.db.ds.getRepository(IdempotencyKey).count()).to.equal(0);
    const retried = await h.call('POST', '/v1/test/flaky/7', { a: 1 }, { 'idempotency-key': 'k-flaky' });
    expect([retried.statusCode, retried.json()]).to.deep.equal([201, { n: 2, params: { id: '7' } }]);
    const replay = await h.call('POST', '/v1/test/flaky/7', { a: 1 }, { 'idempotency-key': 'k-flaky' });
    expect(replay.body).to.equal(retried.body);
    expect(handled).to.equal(2);
  });

  it('route params are part of the request: same key and body on another id → 409 reused', async () => {
    await h.call('POST', '/v1/test/flaky/7', { a: 1 }, { 'idempotency-key': 'k-params' });
    const res = await h.call('POST', '/v1/test/flaky/8', { a: 1 }, { 'idempotency-key': 'k-params' });
    expect(res.json().error.code).to.equal('idempotency_key_reused');
  });

  it('keys are scoped per token and per route', async () => {
    const a = await h.call('POST', '/v1/test/flaky/1', { a: 1 }, { 'idempotency-key': 'shared' });
    const b = await h.call(
      'POST',
      '/v1/test/flaky/1',
      { a: 1 },
      { 'idempotency-key': 'shared', authorization: `Bearer ${OTHER_TOKEN}` },
    );
    const c = await h.call(
      'POST',
      '/v1/clients',
      { ...client, email: 'scope@example.test' },
      { 'idempotency-key': 'shared' },
    );
    expect([a.statusCode, b.statusCode, c.statusCode]).to.deep.equal([201, 201, 201]);
    expect(b.headers['idempotent-replayed']).to.equal(undefined);
    expect(handled).to.equal(2);
    const scopes = (await h.db.ds.getRepository(IdempotencyKey).find({ order: { id: 'ASC' } })).map((r) =>
      r.scope.split(':').slice(1).join(':'),
    );
    expect(scopes).to.deep.equal(['POST /v1/test/flaky/:id', 'POST /v1/test/flaky/:id', 'POST /v1/clients']);
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    for (const key of ['', 'x'.repeat(129), 'has space', 'semi;colon']) {
      const res = await h.call('POST', '/v1/clients', client, { 'idempotency-key': key });
      expect(res.statusCode, key).to.equal(400);
      expect(res.json().error.details, key).to.deep.equal([
        { field: 'Idempotency-Key', message: 'must be 1-128 characters of A-Z, a-z, 0-9, _, -, : or .' },
      ]);
    }
    const ok = await h.call(
      'POST',
      '/v1/clients',
      { ...client, email: 'k@example.test' },
      { 'idempotency-key': 'A-z_0:9.'.padEnd(128, 'x') },
    );
    expect(ok.statusCode).to.equal(201);
  });

  it('a claim left behind by a dead process is taken over once stale, not before', async () => {
    const repo = h.db.ds.getRepository(IdempotencyKey);
    await repo.insert({ scope: 's', key: 'orphan', requestHash: 'a'.repeat(64), responseStatus: null });
    const fresh = new IdempotencyStore(h.db.ds, { staleAfterSeconds: 3600 });
    let error: unknown;
    try {
      await fresh.claim('s', 'orphan', 'a'.repeat(64));
    } catch (err) {
      error = err;
    }
    expect((error as { code?: string }).code).to.equal('idempotency_key_in_progress');
    await h.db.ds.query('UPDATE idempotency_keys SET createdAt = createdAt - INTERVAL 2 HOUR WHERE `key` = ?', [
      'orphan',
    ]);
    const claim = await fresh.claim('s', 'orphan', 'a'.repeat(64));
    expect(claim.kind).to.equal('claimed');
    expect(await repo.countBy({ key: 'orphan' })).to.equal(1);
  });
});
