import { randomBytes } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { examplesFromExchanges } from '../../api/openapi/demo-examples.js';
import type { UpshiftConfig } from '../../config/config.js';
import { dropDatabase } from '../../db/data-source.js';
import { PanelCall, Upgrade } from '../../db/entities/index.js';
import type { Quote } from '../../domain/quote/index.js';
import type { UpgradeStatus } from '../../domain/upgrade-status.js';
import { createLogger } from '../../observability/logger.js';
import { startFakePanels, type FakePanelServer } from '../../panels/fakes/index.js';
import { Runtime } from '../runtime.js';
import { DemoApi } from './demo-api.js';
import { DemoPrinter } from './demo-printer.js';

/** The billing date the demo runs at, so its numbers are DESIGN §3's worked sample (19 of 28 days). */
export const DEMO_TODAY = '2025-02-10';

interface Journey {
  label: string;
  serviceId: number;
  body: Record<string, unknown>;
  pay: boolean;
  /** What the panel says at the end, printed after the panel calls. */
  panelState?: () => string;
}

/**
 * `upshift demo`: a whole upgrade day on this machine — its own database and queue prefix, three fake control
 * panels over HTTPS, a small catalog, then three orders through the real HTTP API and workers: a cPanel
 * upgrade of an account that belongs to reseller res1 (invoice, payment, ChangePackage onto res1's own
 * package, email), a Plesk upgrade with a configurable option, and a DirectAdmin downgrade credited to the
 * account. Everything it started is stopped and dropped at the end.
 */
/** Options of {@link runDemo}. */
export interface RunDemoOptions {
  /**
   * Write the first request and answer of each API operation the demo called to this JSON file, as the OpenAPI
   * document's examples (src/api/openapi/demo-examples.json). @defaultValue none: nothing is written
   */
  recordExamples?: string;
}

export async function runDemo(
  base: UpshiftConfig,
  print = new DemoPrinter(),
  opts: RunDemoOptions = {},
): Promise<void> {
  const id = randomBytes(4).toString('hex');
  const databaseUrl = base.databaseUrl.replace(/\/[^/]*$/, `/upshift_demo_${id}`);
  const token = `demo-${randomBytes(12).toString('hex')}`;
  const config: UpshiftConfig = {
    ...base,
    databaseUrl,
    queuePrefix: `demo${id}`,
    apiHost: '127.0.0.1',
    outboxDir: join(base.outboxDir, `demo-${id}`),
    apiTokens: [token],
    mailTransport: 'outbox',
    staffEmail: base.staffEmail,
    webhookUrls: [],
  };
  print.line('Upshift demo: upgrades priced, invoiced, paid, applied on a control panel and mailed.');
  print.line(
    `Database ${databaseUrl.replace(/\/\/[^@]*@/, '//')} and queue prefix ${config.queuePrefix} are created for this run and removed after it.`,
  );
  print.line(`Billing date pinned to ${DEMO_TODAY} so the numbers match DESIGN §3's worked example.`);

  // The WHM account belongs to reseller res1, as most cPanel accounts belong to a reseller: its packages are
  // res1_starter and res1_pro, and the products' "starter"/"pro" resolve to them.
  const panels = await startFakePanels({
    cpanel: {
      packages: ['starter', 'pro', 'business', 'res1_starter', 'res1_pro'],
      accounts: { bob: { plan: 'res1_starter', owner: 'res1' } },
    },
  });
  let runtime: Runtime | null = null;
  try {
    runtime = await Runtime.open(config, {
      log: createLogger('silent'),
      clock: { now: () => new Date(), today: () => DEMO_TODAY },
    });
    const api = await runtime.startApi({ port: 0 });
    const address = api.server.address() as { port: number };
    await runtime.startWorkers(['upgrade-orders', 'invoice-paid', 'provisioning', 'email', 'webhooks']);
    const http = new DemoApi(`http://127.0.0.1:${address.port}`, token);
    print.line(
      `API listening on http://127.0.0.1:${address.port}; fake panels: WHM :${panels.cpanel.port}, Plesk :${panels.plesk.port}, DirectAdmin :${panels.directadmin.port}`,
    );

    const journeys = await seed(http, panels, print);
    for (const j of journeys) await runJourney(runtime, http, j, print);

    const outbox = resolve(config.outboxDir);
    const files = (await readdir(outbox)).filter((f) => f.endsWith('.eml'));
    print.heading('Done');
    print.line(`${journeys.length} orders completed. Emails written to ${outbox} (${files.length} .eml files there).`);
    const client = await http.call<{ creditBalance: string; currency: string }>('GET', '/v1/clients/1');
    print.line(`Client 1 account credit after the downgrade: ${client.creditBalance} ${client.currency}.`);
    const orders = await http.call<{ items: Array<{ id: number; status: string }>; next: string | null }>(
      'GET',
      '/v1/upgrades?clientId=1&limit=2',
    );
    print.line(
      `Client 1's latest orders (GET /v1/upgrades?clientId=1&limit=2): ${orders.items.map((u) => `${u.id} ${u.status}`).join(', ')}${orders.next ? '; more with cursor=next' : ''}.`,
    );
    if (opts.recordExamples) {
      await writeFile(
        opts.recordExamples,
        `${JSON.stringify(examplesFromExchanges(api.openapiDocument().paths, http.exchanges), null, 2)}\n`,
      );
      print.line(`Examples of ${http.exchanges.length} requests written to ${opts.recordExamples}.`);
    }
  } finally {
    if (runtime) {
      await Promise.all(runtime.producer.allQueues().map((q) => q.obliterate({ force: true }).catch(() => undefined)));
      await runtime.close(10_000);
    }
    await panels.close();
    await dropDatabase(databaseUrl);
    print.line('Cleaned up: fake panels stopped, demo database dropped, demo queues removed.');
  }
}

async function seed(
  http: DemoApi,
  panels: Awaited<ReturnType<typeof startFakePanels>>,
  print: DemoPrinter,
): Promise<Journey[]> {
  print.heading('Catalog');
  const server = async (fake: FakePanelServer, name: string) => {
    const cfg = fake.serverConfig({ id: 1 });
    const row = await http.call<{ id: number }>('POST', '/v1/servers', {
      name,
      type: fake.type,
      hostname: cfg.hostname,
      port: cfg.port,
      username: cfg.username,
      secret: cfg.secret,
      tls: { verify: true, caCert: cfg.tls.caCert ?? null, fingerprint: cfg.tls.fingerprint ?? null },
      maxConcurrency: 2,
    });
    print.line(
      `  server ${row.id}: ${name} (${fake.type}) at ${cfg.hostname}:${cfg.port}, TLS verified against the demo CA`,
    );
    return row.id;
  };
  const [whm, plesk, da] = [
    await server(panels.cpanel, 'web-01'),
    await server(panels.plesk, 'plesk-01'),
    await server(panels.directadmin, 'da-01'),
  ];
  const product = async (
    name: string,
    module: string,
    serverId: number,
    panelPackage: string,
    monthly: string,
    extra: Record<string, unknown> = {},
  ) => {
    const p = await http.call<{ id: number; configOptions: Array<{ id: number }> }>('POST', '/v1/products', {
      name,
      module,
      serverId,
      panelPackage,
      pricing: { USD: { monthly, annually: String(Number(monthly.split('.')[0]) * 10) + '.00' } },
      ...extra,
    });
    print.line(`  product ${p.id}: ${name}, ${monthly} USD/month, panel package "${panelPackage}"`);
    return p;
  };
  const whmPro = await product('Web Pro', 'cpanel', whm, 'pro', '25.00');
  const whmStarter = await product('Web Starter', 'cpanel', whm, 'starter', '10.00', { upgradeTargets: [whmPro.id] });
  const pleskPro = await product('Plesk Pro', 'plesk', plesk, 'Pro', '30.00', {
    configOptions: [
      {
        name: 'Extra disk (10 GB)',
        type: 'quantity',
        min: 0,
        max: 50,
        pricing: { USD: { monthly: '4.00', annually: '40.00' } },
      },
    ],
    allowOptionUpgrades: true,
  });
  const diskId = pleskPro.configOptions[0].id;
  const pleskStarter = await product('Plesk Starter', 'plesk', plesk, 'Starter', '12.00', {
    configOptions: [{ id: diskId }],
    upgradeTargets: [pleskPro.id],
    allowOptionUpgrades: true,
  });
  const daBasic = await product('DA Basic', 'directadmin', da, 'basic', '8.00');
  const daGold = await product('DA Gold', 'directadmin', da, 'gold', '20.00', { upgradeTargets: [daBasic.id] });
  const client = await http.call<{ id: number }>('POST', '/v1/clients', {
    email: 'jane@example.test',
    name: 'Jane Doe',
    currency: 'USD',
    taxRates: [{ name: 'VAT', rate: '20' }],
  });
  print.line(`  client ${client.id}: Jane Doe, USD, VAT 20%`);
  const service = async (productId: number, domain: string, username: string, options: unknown[] = []) => {
    const s = await http.call<{ id: number; recurringAmount: string }>('POST', '/v1/services', {
      clientId: client.id,
      productId,
      domain,
      username,
      billingCycle: 'monthly',
      nextDueDate: '2025-03-01',
      options,
    });
    print.line(`  service ${s.id}: ${domain} (${username}), ${s.recurringAmount} USD/month, next due 2025-03-01`);
    return s.id;
  };
  const s1 = await service(whmStarter.id, 'jane-shop.example', 'bob');
  print.line(
    "    on the WHM it is account bob, owned by reseller res1 and on res1_starter: its upgrade goes to res1_pro, res1's own package",
  );
  const s2 = await service(pleskStarter.id, 'example.com', 'example', [{ optionId: diskId, qty: 1 }]);
  const s3 = await service(daGold.id, 'jane-blog.example', 'bob');
  // DirectAdmin's fake starts its user on "basic"; the demo service is sold as Gold, so align the panel first.
  panels.directadmin.users.set('bob', { ...panels.directadmin.users.get('bob')!, package: 'gold' });
  return [
    {
      label: "cPanel, a reseller's account: Web Starter → Web Pro, paid by card",
      serviceId: s1,
      body: { productId: whmPro.id, actor: 'client' },
      pay: true,
      panelState: () => {
        const bob = panels.cpanel.accounts.get('bob')!;
        return `WHM account bob (reseller ${bob.owner ?? 'root'}) is now on ${bob.plan}.`;
      },
    },
    {
      label: 'Plesk: Plesk Starter → Plesk Pro with 3 extra disks',
      serviceId: s2,
      body: { productId: pleskPro.id, options: [{ optionId: diskId, qty: 3 }], actor: 'client' },
      pay: true,
    },
    {
      label: 'DirectAdmin: DA Gold → DA Basic, credit to the account',
      serviceId: s3,
      body: { productId: daBasic.id, actor: 'client' },
      pay: false,
    },
  ];
}

async function runJourney(runtime: Runtime, http: DemoApi, j: Journey, print: DemoPrinter): Promise<void> {
  print.heading(j.label);
  const started = Date.now();
  const options = await http.call<Array<{ productId: number }>>('GET', `/v1/services/${j.serviceId}/upgrade-options`);
  print.line(
    `Upgrade options (GET /v1/services/:id/upgrade-options): ${options.length} product/cycle choices, each with its quote.`,
  );
  const quote = await http.call<Quote>('POST', `/v1/services/${j.serviceId}/quote`, j.body);
  print.line('Quote (POST /v1/services/:id/quote, nothing stored):');
  print.quote(quote, 'USD');
  // The Idempotency-Key makes a retried order (a timeout, a double click) the same order.
  const { upgradeId } = await http.call<{ upgradeId: number }>(
    'POST',
    `/v1/services/${j.serviceId}/upgrades`,
    j.body,
    [202],
    { 'idempotency-key': `demo-order-${j.serviceId}` },
  );
  print.line(`Order placed: upgrade ${upgradeId} (202 queued).`);
  if (j.pay) {
    const invoiced = await waitFor(runtime, upgradeId, ['invoiced']);
    const invoice = await http.call<{
      id: number;
      total: string;
      lines: Array<{ kind: string; description: string; amount: string }>;
    }>('GET', `/v1/invoices/${invoiced.invoiceId}`);
    print.line(`Invoice ${invoice.id}: total ${invoice.total} USD`);
    for (const l of invoice.lines) print.line(`  ${l.kind.padEnd(8)} ${l.amount.padStart(8)}  ${l.description}`);
    const paid = await http.call<{ invoiceStatus: string }>('POST', `/v1/invoices/${invoice.id}/payments`, {
      amount: invoice.total,
      currency: 'USD',
      gateway: 'demo-card',
      transactionId: `demo-${upgradeId}`,
    });
    print.line(`Payment of ${invoice.total} recorded: invoice ${paid.invoiceStatus}.`);
  }
  await waitFor(runtime, upgradeId, ['completed'], ['provisioning_failed', 'rejected', 'cancelled']);
  const upgrade = await http.call<{ history: Array<{ status: string; at: string; actor: string }> }>(
    'GET',
    `/v1/upgrades/${upgradeId}`,
  );
  print.line('Timeline:');
  print.timeline(upgrade.history, started);
  const calls = await runtime.ctx.ds.getRepository(PanelCall).find({ where: { upgradeId }, order: { id: 'ASC' } });
  print.line('Panel calls (secrets redacted in the log):');
  for (const c of calls)
    print.line(
      `  ${c.action.padEnd(34)} HTTP ${c.httpStatus ?? '—'}  ${String(c.durationMs).padStart(4)} ms  ${c.outcome}`,
    );
  if (j.panelState) print.line(j.panelState());
  const mails = await runtime.ctx.ds.query<Array<{ template: string; recipient: string; status: string }>>(
    'SELECT template, recipient, status FROM email_log WHERE upgradeId = ? ORDER BY id',
    [upgradeId],
  );
  for (const m of mails) print.line(`Email ${m.template} to ${m.recipient}: ${m.status} (outbox .eml)`);
}

async function waitFor(
  runtime: Runtime,
  upgradeId: number,
  want: UpgradeStatus[],
  fail: UpgradeStatus[] = ['rejected', 'cancelled'],
  timeoutMs = 30_000,
): Promise<Upgrade> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const u = await runtime.ctx.ds.getRepository(Upgrade).findOneByOrFail({ id: upgradeId });
    if (want.includes(u.status)) return u;
    if (fail.includes(u.status)) throw new Error(`upgrade ${upgradeId} ended ${u.status}: ${u.reason ?? ''}`);
    if (Date.now() > until) throw new Error(`upgrade ${upgradeId} is still ${u.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
