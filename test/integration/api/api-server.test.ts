import { expect } from 'chai';
import type { ApiRoutePlugin } from '../../../src/api/api-route-plugin.js';
import { ConflictError } from '../../../src/app/errors.js';
import { OTHER_TOKEN, startApiHarness, TOKEN, type ApiHarness } from './api-harness.js';

/** Routes that fail on purpose, to see how each kind of failure is rendered. */
const failingRoutes: ApiRoutePlugin = (app) => {
  app.get('/v1/test/boom', { config: { roles: ['staff'] } }, async () => {
    throw new Error('db password hunter2 leaked in a driver message');
  });
  app.get('/v1/test/conflict', { config: { roles: ['staff'] } }, async () => {
    throw new ConflictError('open_upgrade', 'service 3 already has an open upgrade');
  });
  app.get('/v1/test/bigint', { config: { roles: ['staff'] } }, async () => ({ amount: 10n }));
};

describe('API server: auth, errors, health (MariaDB)', () => {
  let h: ApiHarness;
  let readiness: Record<string, boolean>;
  before(async () => {
    readiness = { database: true, redis: true };
    h = await startApiHarness({ routes: [failingRoutes], readiness: async () => readiness });
  });
  after(async () => {
    await h.close();
  });

  describe('bearer auth', () => {
    it('refuses a request without a token with 401 JSON', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/v1/servers/1' });
      expect(res.statusCode).to.equal(401);
      expect(res.headers['content-type']).to.match(/^application\/json/);
      expect(res.headers['www-authenticate']).to.equal('Bearer');
      expect(res.json()).to.deep.equal({
        error: { code: 'unauthorized', message: 'A valid bearer token is required' },
      });
    });

    it('refuses a wrong token, a token prefix, a longer token and another scheme', async () => {
      for (const authorization of [
        `Bearer wrong-token-0123456789abcdef`,
        `Bearer ${TOKEN.slice(0, -1)}`,
        `Bearer ${TOKEN}x`,
        `Basic ${TOKEN}`,
        TOKEN,
        'Bearer ',
      ]) {
        const res = await h.app.inject({ method: 'GET', url: '/v1/servers/1', headers: { authorization } });
        expect(res.statusCode, authorization).to.equal(401);
        expect(res.json().error.code).to.equal('unauthorized');
      }
    });

    it('accepts every configured token (then the route answers: 404 for a missing server)', async () => {
      for (const token of [TOKEN, OTHER_TOKEN]) {
        const res = await h.app.inject({
          method: 'GET',
          url: '/v1/servers/999',
          headers: { authorization: `bearer ${token}` },
        });
        expect(res.statusCode).to.equal(404);
        expect(res.json()).to.deep.equal({ error: { code: 'not_found', message: 'server 999 not found' } });
      }
    });

    it('keeps /health and /ready outside auth', async () => {
      const health = await h.app.inject({ method: 'GET', url: '/health' });
      expect([health.statusCode, health.json()]).to.deep.equal([200, { status: 'ok' }]);
      const ready = await h.app.inject({ method: 'GET', url: '/ready' });
      expect([ready.statusCode, ready.json()]).to.deep.equal([
        200,
        { status: 'ready', checks: { database: true, redis: true } },
      ]);
    });

    it('asks for a token before saying whether a route exists', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/v1/nothing-here' });
      expect(res.statusCode).to.equal(401);
    });
  });

  it('/ready is 503 and names the failing check when a dependency is down', async () => {
    readiness = { database: true, redis: false };
    const res = await h.app.inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode).to.equal(503);
    expect(res.json()).to.deep.equal({ status: 'not_ready', checks: { database: true, redis: false } });
    readiness = { database: true, redis: true };
  });

  describe('error bodies', () => {
    it('unknown route → 404 JSON', async () => {
      const res = await h.call('GET', '/v1/nothing-here?x=1');
      expect(res.statusCode).to.equal(404);
      expect(res.json()).to.deep.equal({ error: { code: 'not_found', message: 'No route GET /v1/nothing-here' } });
    });

    it('malformed JSON → 400 invalid_json, never 500', async () => {
      const res = await h.call('POST', '/v1/clients', '{"email": "a@b.test",', { 'content-type': 'application/json' });
      expect(res.statusCode).to.equal(400);
      expect(res.json()).to.deep.equal({
        error: { code: 'invalid_json', message: 'The request body is not valid JSON' },
      });
    });

    it('an empty JSON body → 400 invalid_json', async () => {
      const res = await h.call('POST', '/v1/clients', '', { 'content-type': 'application/json' });
      expect(res.statusCode).to.equal(400);
      expect(res.json().error.code).to.equal('invalid_json');
    });

    it('a __proto__ key → 400 invalid_json', async () => {
      const res = await h.call('POST', '/v1/clients', '{"__proto__": {"x": 1}}', {
        'content-type': 'application/json',
      });
      expect(res.statusCode).to.equal(400);
      expect(res.json().error.code).to.equal('invalid_json');
    });

    it('a body that is not JSON → 415 unsupported_media_type', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const res = await h.call('POST', '/v1/clients', 'email=a@b.test', { 'content-type': type });
        expect(res.statusCode, type).to.equal(415);
        expect(res.json(), type).to.deep.equal({
          error: { code: 'unsupported_media_type', message: 'Only application/json request bodies are accepted' },
        });
      }
    });

    it('a body over the limit → 413 payload_too_large', async () => {
      const res = await h.call('POST', '/v1/clients', JSON.stringify({ name: 'x'.repeat(1_100_000) }), {
        'content-type': 'application/json',
      });
      expect(res.statusCode).to.equal(413);
      expect(res.json().error.code).to.equal('payload_too_large');
    });

    it('a POST without a body → 400 invalid_input', async () => {
      const res = await h.call('POST', '/v1/clients');
      expect(res.statusCode).to.equal(400);
      expect(res.json().error).to.deep.equal({
        code: 'invalid_input',
        message: 'Invalid request body: body: is required',
        details: [{ field: 'body', message: 'is required' }],
      });
    });

    it('a bad path id → 400 naming the parameter', async () => {
      const res = await h.call('GET', '/v1/clients/abc');
      expect(res.statusCode).to.equal(400);
      expect(res.json().error.details).to.deep.equal([{ field: 'id', message: 'must be a positive integer id' }]);
    });

    it('an AppError keeps its status and code', async () => {
      const res = await h.call('GET', '/v1/test/conflict');
      expect(res.statusCode).to.equal(409);
      expect(res.json()).to.deep.equal({
        error: { code: 'open_upgrade', message: 'service 3 already has an open upgrade' },
      });
    });

    it('anything else → 500 internal_error without the cause, stack or secret', async () => {
      for (const url of ['/v1/test/boom', '/v1/test/bigint']) {
        const res = await h.call('GET', url);
        expect(res.statusCode, url).to.equal(500);
        expect(res.json(), url).to.deep.equal({ error: { code: 'internal_error', message: 'Internal error' } });
        expect(res.body).not.to.match(/hunter2|at |\.ts|\.js|BigInt/);
      }
    });
  });
});
