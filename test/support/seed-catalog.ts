import { expect } from 'chai';
import type { FakePanelServer } from '../../src/panels/fakes/index.js';
import type { PipelineHarness } from './pipeline-harness.js';

/** POSTs a resource and returns its body, failing with the API's error when it is not 201. */
export async function create<T = Record<string, unknown> & { id: number }>(
  h: Pick<PipelineHarness, 'call'>,
  path: string,
  body: unknown,
): Promise<T> {
  const res = await h.call('POST', path, body);
  expect(res.statusCode, `${path}: ${res.body}`).to.equal(201);
  return res.json<T>();
}

/** Registers a fake panel as a server through the API (secret and CA as an operator would enter them). */
export async function createPanelServer(
  h: Pick<PipelineHarness, 'call'>,
  fake: FakePanelServer,
  maxConcurrency = 2,
): Promise<number> {
  const cfg = fake.serverConfig({ id: 1 });
  const server = await create(h, '/v1/servers', {
    name: `${fake.type}-test`,
    type: fake.type,
    hostname: cfg.hostname,
    port: cfg.port,
    username: cfg.username,
    secret: cfg.secret,
    tls: { verify: true, caCert: cfg.tls.caCert ?? null, fingerprint: null },
    maxConcurrency,
  });
  return server.id;
}

export interface SeededCatalog {
  clientId: number;
  starterId: number;
  proId: number;
  serviceId: number;
  diskOptionId: number;
}

/**
 * The catalog most pipeline specs use (DESIGN §3's sample): Starter 10.00/month → Pro 25.00/month, a Disk
 * quantity option at 4.00 per unit, a client with 20% VAT (or none), a service due 2025-03-01. Products
 * have no panel module unless `module` is given.
 */
export async function seedCatalog(
  h: Pick<PipelineHarness, 'call'>,
  opts: {
    vat?: boolean;
    username?: string;
    module?: { serverId: number; type: string; starter: string; pro: string };
  } = {},
): Promise<SeededCatalog> {
  const client = await create(h, '/v1/clients', {
    email: 'jane@example.test',
    name: 'Jane Doe',
    currency: 'USD',
    taxRates: opts.vat === false ? [] : [{ name: 'VAT', rate: '20' }],
  });
  const panel = (pkg: string) =>
    opts.module ? { module: opts.module.type, serverId: opts.module.serverId, panelPackage: pkg } : {};
  const pro = await create<{ id: number; configOptions: Array<{ id: number }> }>(h, '/v1/products', {
    name: 'Pro',
    ...panel(opts.module?.pro ?? ''),
    pricing: { USD: { monthly: '25.00', annually: '250.00' } },
    configOptions: [
      { name: 'Disk', type: 'quantity', min: 0, max: 100, pricing: { USD: { monthly: '4.00', annually: '40.00' } } },
    ],
    allowOptionUpgrades: true,
  });
  const diskOptionId = pro.configOptions[0].id;
  const starter = await create(h, '/v1/products', {
    name: 'Starter',
    ...panel(opts.module?.starter ?? ''),
    pricing: { USD: { monthly: '10.00', annually: '100.00' } },
    configOptions: [{ id: diskOptionId }],
    upgradeTargets: [pro.id],
    allowOptionUpgrades: true,
  });
  const service = await create(h, '/v1/services', {
    clientId: client.id,
    productId: starter.id,
    domain: 'jane.example.test',
    username: opts.username ?? 'janedoe',
    billingCycle: 'monthly',
    nextDueDate: '2025-03-01',
  });
  return { clientId: client.id, starterId: starter.id, proId: pro.id, serviceId: service.id, diskOptionId };
}
