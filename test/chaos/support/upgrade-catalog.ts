import type { AppContext } from '../../../src/app/app-context.js';
import { createClient } from '../../../src/app/catalog/clients.js';
import { createProduct } from '../../../src/app/catalog/products.js';
import { createServer } from '../../../src/app/catalog/servers.js';
import { createService } from '../../../src/app/catalog/services.js';
import type { FakeWhmFarm } from './fake-whm-farm.js';
import { mapLimit } from './map-limit.js';

/** One service to upgrade: its own client and panel account. */
export interface FleetService {
  id: number;
  clientId: number;
  /** The WHM user (also the client's mailbox: `<username>@example.test`). */
  username: string;
  serverId: number;
}

/** What {@link seedUpgradeCatalog} created. */
export interface FleetCatalog {
  starterId: number;
  proId: number;
  serverIds: number[];
  services: FleetService[];
}

/** Options of {@link seedUpgradeCatalog}. */
export interface UpgradeCatalogOptions {
  /** `maxConcurrency` of every panel server. @defaultValue 4 */
  maxConcurrency?: number;
  /** Catalog writes in flight at once. @defaultValue 8 */
  parallel?: number;
}

/** A due date 20 days from now, so orders placed today are mid-term and do not expire during a run. */
export function nextDueDateFromNow(): string {
  return new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The catalog of a fleet run, through the catalog use cases: every fake WHM as a panel server (TLS verified
 * against the fakes' CA), Starter 10.00 → Pro 25.00 monthly on cPanel packages `starter` → `pro`, and for
 * each farm account a client (20% VAT) with one active Starter service on that account's server.
 */
export async function seedUpgradeCatalog(
  ctx: AppContext,
  farm: FakeWhmFarm,
  users: readonly string[],
  opts: UpgradeCatalogOptions = {},
): Promise<FleetCatalog> {
  const serverIds = new Map<object, number>();
  for (const [i, fake] of farm.servers.entries()) {
    const cfg = fake.serverConfig({ id: i + 1 });
    const server = await createServer(ctx, {
      name: `whm-${i + 1}`,
      type: 'cpanel',
      hostname: cfg.hostname,
      port: cfg.port,
      username: cfg.username,
      secret: cfg.secret,
      tls: { verify: true, caCert: cfg.tls.caCert ?? null, fingerprint: null },
      maxConcurrency: opts.maxConcurrency ?? 4,
    });
    serverIds.set(fake, server.id);
  }
  const firstServer = serverIds.get(farm.servers[0])!;
  const product = (name: string, panelPackage: string, monthly: string, upgradeTargets: number[]) =>
    createProduct(ctx, {
      name,
      module: 'cpanel',
      serverId: firstServer,
      panelPackage,
      pricing: { USD: { monthly } },
      configOptions: [],
      upgradeTargets,
      allowOptionUpgrades: false,
      upgradeEmailTemplate: 'upgrade-completed',
      taxable: true,
    });
  const pro = await product('Pro', 'pro', '25.00', []);
  const starter = await product('Starter', 'starter', '10.00', [pro.id]);
  const nextDueDate = nextDueDateFromNow();
  const services = await mapLimit(users, opts.parallel ?? 8, async (username) => {
    const client = await createClient(ctx, {
      email: `${username}@example.test`,
      name: `Client ${username}`,
      currency: 'USD',
      taxRates: [{ name: 'VAT', rate: '20' }],
      taxCompound: false,
      taxInclusive: false,
      taxExempt: false,
    });
    const serverId = serverIds.get(farm.serverOf(username))!;
    const service = await createService(ctx, {
      clientId: client.id,
      productId: starter.id,
      serverId,
      domain: `${username}.example.test`,
      username,
      billingCycle: 'monthly',
      nextDueDate,
      options: [],
      status: 'active',
    });
    return { id: service.id, clientId: client.id, username, serverId };
  });
  return { starterId: starter.id, proId: pro.id, serverIds: [...serverIds.values()], services };
}
