import { expect } from 'chai';
import Fastify from 'fastify';
import { BearerTokenVerifier } from '../../../src/api/auth/bearer-token-verifier.js';
import { registerAccessControl } from '../../../src/api/auth/route-access.js';
import { API_ROLES, type ApiRole } from '../../../src/config/api-tokens.js';
import { startApiHarness, type ApiHarness } from './api-harness.js';

/**
 * DESIGN §4.1: every route and the roles that may call it. A new route must be added here, with its roles, or
 * this test fails — and a route without roles does not even start (below).
 */
const EXPECTED: Record<string, ApiRole[] | 'public'> = {
  'GET /openapi.json': 'public',
  'GET /docs': 'public',
  'GET /docs/': 'public',
  'GET /docs/js/scalar.js': 'public',
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /metrics': 'public',
  'POST /v1/servers': ['staff'],
  'GET /v1/servers': ['staff'],
  'GET /v1/servers/:id': ['staff'],
  'POST /v1/products': ['staff'],
  'GET /v1/products': ['staff'],
  'GET /v1/products/:id': ['staff'],
  'POST /v1/clients': ['staff'],
  'GET /v1/clients': ['staff'],
  'GET /v1/clients/:id': ['staff'],
  'POST /v1/services': ['staff'],
  'GET /v1/services': ['staff', 'storefront'],
  'GET /v1/services/:id': ['staff', 'storefront'],
  'POST /v1/promotions': ['staff'],
  'GET /v1/promotions/:id': ['staff'],
  'GET /v1/invoices': ['staff', 'storefront', 'gateway'],
  'GET /v1/invoices/:id': ['staff', 'storefront', 'gateway'],
  'GET /v1/services/:id/upgrade-options': ['staff', 'storefront'],
  'POST /v1/services/:id/quote': ['staff', 'storefront'],
  'POST /v1/services/:id/upgrades': ['staff', 'storefront'],
  'GET /v1/upgrades': ['staff', 'storefront'],
  'GET /v1/upgrades/:id': ['staff', 'storefront'],
  'POST /v1/upgrades/:id/cancel': ['staff', 'storefront'],
  'POST /v1/invoices/:id/payments': ['staff', 'gateway'],
  'PATCH /v1/services/:id': ['staff'],
  'POST /v1/services/:id/module/change-package': ['staff'],
};

const TOKENS: Record<ApiRole, string> = {
  staff: 'staff-token-0123456789',
  storefront: 'storefront-token-01234567',
  gateway: 'gateway-token-0123456789',
};

describe('route roles (DESIGN §4.1): every route chose who may call it', () => {
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness({}, { apiTokens: API_ROLES.map((r) => `${r}:${TOKENS[r]}`) });
  });
  after(async () => {
    await h.close();
  });

  it('lists exactly the expected routes with exactly their roles', () => {
    const actual = Object.fromEntries(
      h.app.routeTable.map((r) => [`${r.method} ${r.url}`, r.roles === null ? 'public' : [...r.roles]]),
    );
    expect(actual).to.deep.equal(EXPECTED);
  });

  it('answers 403 forbidden to every role a route does not list, and lets every listed role through', async () => {
    for (const [route, roles] of Object.entries(EXPECTED)) {
      if (roles === 'public') continue;
      const [method, pattern] = route.split(' ') as ['GET' | 'POST' | 'PATCH', string];
      const url = pattern.replace(':id', '999999');
      for (const role of API_ROLES) {
        const res = await h.app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${TOKENS[role]}` },
          ...(method === 'GET' ? {} : { payload: {} }),
        });
        if (roles.includes(role)) expect(res.statusCode, `${role} ${route}`).to.not.be.oneOf([401, 403]);
        else
          expect(
            [res.statusCode, res.json<{ error: { code: string } }>().error.code],
            `${role} ${route}`,
          ).to.deep.equal([403, 'forbidden']);
      }
    }
  });

  it('registering a route without roles is an error at start-up', async () => {
    const app = Fastify();
    registerAccessControl(app, new BearerTokenVerifier([]));
    expect(() => app.get('/v1/forgotten', async () => ({}))).to.throw(
      'route GET /v1/forgotten declares no roles: add config.roles (see src/api/auth/route-access.ts)',
    );
    expect(() => app.get('/v1/chosen', { config: { roles: ['staff'] } }, async () => ({}))).not.to.throw();
    await app.close().catch(() => undefined);
  });
});
