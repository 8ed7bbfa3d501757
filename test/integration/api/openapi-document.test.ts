import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenApiDocument } from '../../../src/api/openapi/build-openapi-document.js';
import { packageRoot } from '../../../src/config/package-root.js';
import { WEBHOOK_EVENT_TYPES } from '../../../src/webhooks/webhook-event.js';
import { OUTSIDE_THE_DOCUMENT } from '../../support/openapi-response-validator.js';
import { startApiHarness, type ApiHarness } from './api-harness.js';

const root = packageRoot();
type Operation = {
  operationId: string;
  security?: unknown[];
  parameters: Array<{ $ref?: string; name?: string }>;
  responses: Record<string, unknown>;
  'x-roles': string[];
};

/**
 * DESIGN §4.2: `GET /openapi.json` is generated from the code, passes a real OpenAPI linter (Redocly, its recommended
 * rules as errors), lists every route the server has and nothing else, and `upshift openapi` prints the same document
 * without a database.
 */
describe('the OpenAPI document (GET /openapi.json, upshift openapi, redocly lint)', function () {
  this.timeout(120_000);
  let h: ApiHarness;
  let doc: OpenApiDocument;
  let dir: string;
  before(async () => {
    h = await startApiHarness();
    dir = await mkdtemp(join(tmpdir(), 'upshift-openapi-'));
    const res = await h.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode, 'no token needed').to.equal(200);
    doc = res.json<OpenApiDocument>();
  });
  after(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        path,
        method: method.toUpperCase(),
        op: op as unknown as Operation,
      })),
    );

  it('passes `redocly lint` with every recommended rule as an error (redocly.yaml)', async () => {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(doc));
    const run = spawnSync(
      join(root, 'node_modules', '.bin', 'redocly'),
      ['lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'json'],
      {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        timeout: 90_000,
      },
    );
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: Array<{ ruleId: string; message: string }>;
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).to.deep.equal([]);
    expect(report.totals).to.include({ errors: 0, warnings: 0 });
    expect(run.status, run.stderr).to.equal(0);
  });

  it('lists every route Fastify serves and nothing else (the reference page and the dashboard are outside it)', () => {
    const served = h.app.routeTable
      .filter((r) => !OUTSIDE_THE_DOCUMENT.some((p) => p.test(r.url)))
      .map((r) => `${r.method} ${r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`)
      .sort();
    expect(
      operations()
        .map((o) => `${o.method} ${o.path}`)
        .sort(),
    ).to.deep.equal(served);
    expect(served).to.include.members([
      'GET /openapi.json',
      'GET /v1/upgrades',
      'GET /v1/invoices',
      'GET /v1/services',
      'GET /v1/clients',
      'GET /v1/products',
      'GET /v1/servers',
    ]);
  });

  it("shows each route's roles, the bearer scheme, its 401/403, Idempotency-Key on creating routes, and money as decimal strings", () => {
    expect(doc.openapi).to.equal('3.1.0');
    expect(doc.components.securitySchemes).to.deep.include({
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        description: (doc.components.securitySchemes as { bearerAuth: { description: string } }).bearerAuth.description,
      },
    });
    for (const { method, path, op } of operations()) {
      const route = h.app.routeTable.find(
        (r) => r.method === method && r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}') === path,
      )!;
      const label = `${method} ${path}`;
      if (route.roles === null) {
        expect(op.security, label).to.deep.equal([]);
        expect(op['x-roles'], label).to.deep.equal([]);
      } else {
        expect(op.security, `${label} uses the document's bearer security`).to.equal(undefined);
        expect(op['x-roles'], label).to.deep.equal([...route.roles]);
        expect(op.responses, label).to.include.keys('401', '403', '500');
      }
      if (
        method === 'POST' &&
        ['/v1/servers', '/v1/products', '/v1/clients', '/v1/services', '/v1/promotions'].includes(path)
      ) {
        expect(
          op.parameters.map((p) => p.$ref),
          label,
        ).to.include('#/components/parameters/IdempotencyKey');
      }
    }
    const invoice = doc.components.schemas.Invoice as { properties: Record<string, { type: string; pattern: string }> };
    for (const field of ['subtotal', 'discount', 'tax', 'total', 'amountPaid']) {
      expect(invoice.properties[field], field).to.include({ type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' });
    }
    const quoteErrors = JSON.stringify(
      (doc.paths['/v1/services/{id}/quote'].post as unknown as Operation).responses['422'],
    );
    for (const code of ['as_of_out_of_range', 'target_not_allowed', 'promotion_invalid', 'no_change'])
      expect(quoteErrors).to.include(code);
    const paymentErrors = JSON.stringify(
      (doc.paths['/v1/invoices/{id}/payments'].post as unknown as Operation).responses['422'],
    );
    expect(paymentErrors).to.include('currency_mismatch');
  });

  it('describes every webhook event in `webhooks`', () => {
    expect(Object.keys(doc.webhooks).sort()).to.deep.equal([...WEBHOOK_EVENT_TYPES].sort());
  });

  it('`upshift openapi` prints the same document with no database or Redis reachable', () => {
    const run = spawnSync(process.execPath, [join(root, 'bin', 'upshift.js'), 'openapi'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, DATABASE_URL: 'mysql://nobody@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1' },
    });
    expect(run.status, run.stderr).to.equal(0);
    expect(JSON.parse(run.stdout)).to.deep.equal(doc);
  });
});
