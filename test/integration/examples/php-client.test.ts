import { expect } from 'chai';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../../src/config/package-root.js';
import { IdempotencyKey, Payment, Upgrade, WebhookDelivery } from '../../../src/db/entities/index.js';
import { startFakePanels, type FakePanels } from '../../../src/panels/fakes/index.js';
import { standardWebhookHeaders, webhookSignatureHeader } from '../../../src/webhooks/index.js';
import { startCpanelPipeline, type CpanelPipeline } from '../../support/cpanel-pipeline.js';
import { PIPELINE_TOKEN } from '../../support/pipeline-harness.js';

/**
 * The PHP example front-end (examples/php/) against a real Upshift: the API listening on loopback, workers on Redis,
 * MariaDB, the fake WHM. It runs with the `php` command — Debian's php-cli, which .ci/run installs when missing.
 * Without php this FAILS (never skips): a CI that silently skipped it would stop proving the example works.
 * PHP_BINARY overrides the command (e.g. to check the failure message).
 */
const PHP = process.env.PHP_BINARY ?? 'php';
const EXAMPLES = join(packageRoot(), 'examples', 'php');
const STOREFRONT = 'sf-php-example-0123456789';
const GATEWAY = 'gw-php-example-0123456789';
const WHSEC = `whsec_${randomBytes(32).toString('base64')}`;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

function runPhp(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      PHP,
      [join(EXAMPLES, script)],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 90_000 },
      (err, stdout, stderr) => {
        resolve({
          code: err ? (typeof err.code === 'number' ? err.code : -1) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        });
      },
    );
  });
}

interface LoggedDelivery {
  accepted: boolean;
  id: string | null;
  type?: string;
  reason?: string;
  upshiftSignature?: boolean;
  data?: { upgradeId: number; status: string };
}

describe('examples/php: the PHP client and webhook receiver against a running Upshift (php, MariaDB, Redis, workers, fake WHM)', function () {
  this.timeout(120_000);
  let panels: FakePanels;
  let p: CpanelPipeline;
  let receiver: ChildProcess | null = null;
  let receiverPort: number;
  let receiverErr = '';
  let dir: string;
  let logFile: string;
  let apiUrl: string;

  before(async () => {
    let version: string;
    try {
      version = execFileSync(PHP, ['-r', 'echo PHP_VERSION;'], { encoding: 'utf8' });
    } catch (err) {
      throw new Error(
        `the '${PHP}' command is missing (${(err as Error).message}): install PHP's CLI, on Debian \`apt-get install -y php-cli\` (.ci/run does this in CI)`,
        { cause: err },
      );
    }
    expect(Number(version.split('.')[0]), `PHP ${version}`).to.be.at.least(8);

    dir = await mkdtemp(join(tmpdir(), 'upshift-php-'));
    logFile = join(dir, 'webhooks.log');
    receiverPort = await freePort();
    // The front-end's endpoint, served by PHP's built-in web server with the receiver as its router script.
    receiver = spawn(PHP, ['-S', `127.0.0.1:${receiverPort}`, join(EXAMPLES, 'webhook-receiver.php')], {
      env: { PATH: process.env.PATH ?? '', UPSHIFT_WEBHOOK_SECRET: WHSEC, UPSHIFT_WEBHOOK_LOG: logFile },
    });
    receiver.stderr!.on('data', (d) => {
      receiverErr += String(d);
    });
    const until = Date.now() + 10_000;
    let answer: Response | null = null;
    while (!answer && Date.now() < until) {
      answer = await fetch(`http://127.0.0.1:${receiverPort}/upshift-webhook`).catch(() => null);
      if (!answer) await new Promise((r) => setTimeout(r, 50));
    }
    expect(answer?.status, `php -S did not start: ${receiverErr}`).to.equal(405); // GET: only POST is accepted

    panels = await startFakePanels();
    p = await startCpanelPipeline(panels, {
      config: {
        apiTokens: [PIPELINE_TOKEN, `storefront:${STOREFRONT}`, `gateway:${GATEWAY}`],
        webhookUrls: [`http://127.0.0.1:${receiverPort}/upshift-webhook`],
        webhookSecret: WHSEC,
      },
    });
    // A real listening server: PHP talks HTTP, not app.inject.
    await p.h.app.listen({ port: 0, host: '127.0.0.1' });
    apiUrl = `http://127.0.0.1:${(p.h.app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    receiver?.kill('SIGKILL');
    await p?.h.close();
    await panels?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const readLog = async (): Promise<LoggedDelivery[]> =>
    (await readFile(logFile, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LoggedDelivery);

  it('upgrade-service.php quotes (storefront), orders with an Idempotency-Key, pays (gateway) and waits for completed', async () => {
    const { c, h } = p;
    const run = await runPhp('upgrade-service.php', {
      UPSHIFT_URL: apiUrl,
      UPSHIFT_STOREFRONT_TOKEN: STOREFRONT,
      UPSHIFT_GATEWAY_TOKEN: GATEWAY,
      UPSHIFT_SERVICE_ID: String(c.serviceId),
      UPSHIFT_PRODUCT_ID: String(c.proId),
      UPSHIFT_ORDER_REF: 'whmcs-upgrade-991',
    });
    expect(run.code, `${run.stdout}\n${run.stderr}`).to.equal(0);
    const upgrade = await h.db.ds.getRepository(Upgrade).findOneByOrFail({ serviceId: c.serviceId });
    const payment = await h.db.ds.getRepository(Payment).findOneByOrFail({ invoiceId: upgrade.invoiceId! });
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).to.match(/^quote: .*, credit 6\.79, debit 16\.96, total 12\.22 USD \(upgrade, on-payment\)$/);
    expect(lines).to.include.members([
      `order: upgrade ${upgrade.id} queued (Idempotency-Key order-whmcs-upgrade-991)`,
      `order sent again with the same key: upgrade ${upgrade.id} (replayed, no second order)`,
      `invoice: ${upgrade.invoiceId} total 12.22 USD, unpaid`,
      `payment: ${payment.id} invoice_paid, invoice paid (transaction txn-whmcs-upgrade-991)`,
      'status: completed',
    ]);
    expect(lines.at(-1)).to.equal(
      `done: upgrade ${upgrade.id} completed; service ${c.serviceId} is product ${c.proId}, 25.00 USD monthly, next due 2025-03-01`,
    );

    // What it did, from the database: one order, one payment by the gateway's transaction id, the panel changed.
    expect(await h.db.ds.getRepository(Upgrade).count()).to.equal(1);
    expect(upgrade.status).to.equal('completed');
    expect(upgrade.actor).to.equal('client');
    expect(payment).to.deep.include({ gateway: 'php-example', transactionId: 'txn-whmcs-upgrade-991' });
    expect(panels.cpanel.accounts.get('bob')!.plan).to.equal('pro');
    const keys = await h.db.ds.getRepository(IdempotencyKey).find({ order: { id: 'ASC' } });
    expect(keys.map((k) => [k.key, k.scope.split(':').slice(1).join(':')])).to.deep.equal([
      ['order-whmcs-upgrade-991', 'POST /v1/services/:id/upgrades'],
      ['pay-whmcs-upgrade-991', 'POST /v1/invoices/:id/payments'],
    ]);
    expect(keys[0].scope.split(':')[0]).to.not.equal(keys[1].scope.split(':')[0]); // two tokens, two scopes
  });

  it('webhook-receiver.php accepted every delivery of that upgrade, verified by Standard Webhooks and Upshift-Signature', async () => {
    await p.h.drain(['webhooks', 'email']);
    const upgradeId = (await p.h.db.ds.getRepository(Upgrade).findOneByOrFail({ serviceId: p.c.serviceId })).id;
    const log = await readLog();
    expect(
      log.filter((e) => !e.accepted),
      receiverErr,
    ).to.deep.equal([]);
    expect(log.map((e) => [e.type, e.data?.upgradeId, e.data?.status, e.upshiftSignature]).sort()).to.deep.equal([
      ['upgrade.applied', upgradeId, 'applied', true],
      ['upgrade.completed', upgradeId, 'completed', true],
      ['upgrade.invoiced', upgradeId, 'invoiced', true],
    ]);
    const rows = await p.h.db.ds.getRepository(WebhookDelivery).find();
    expect(rows.map((r) => [r.event, r.status, r.lastHttpStatus]).sort()).to.deep.equal([
      ['upgrade.applied', 'delivered', 204],
      ['upgrade.completed', 'delivered', 204],
      ['upgrade.invoiced', 'delivered', 204],
    ]);
    expect(log.map((e) => e.id).sort()).to.deep.equal(rows.map((r) => r.deliveryKey).sort());
  });

  it('webhook-receiver.php rejects a tampered body, another secret and an old timestamp (400), and handles a repeat once', async () => {
    const url = `http://127.0.0.1:${receiverPort}/upshift-webhook`;
    const id = 'whd_0123456789abcdef0123456789abcdef';
    const body = JSON.stringify({
      id,
      type: 'upgrade.cancelled',
      createdAt: new Date().toISOString(),
      data: { upgradeId: 9, serviceId: 8, clientId: 7, status: 'cancelled', invoiceId: null, reason: 'client' },
    });
    const now = Math.floor(Date.now() / 1000);
    const signed = (secret: string, t: number, signedBody = body) => ({
      'Content-Type': 'application/json',
      ...standardWebhookHeaders(secret, id, t, signedBody),
      'Upshift-Signature': webhookSignatureHeader(secret, t, signedBody),
    });
    const post = async (headers: Record<string, string>, sent = body) =>
      (await fetch(url, { method: 'POST', headers, body: sent })).status;

    expect(await post(signed(WHSEC, now), body.replace('"client"', '"staff"'))).to.equal(400);
    expect(await post(signed(`whsec_${randomBytes(32).toString('base64')}`, now))).to.equal(400);
    expect(await post(signed(WHSEC, now - 600))).to.equal(400);
    const unsigned: Record<string, string> = signed(WHSEC, now);
    delete unsigned['webhook-signature'];
    expect(await post(unsigned)).to.equal(400);
    expect(await post(signed(WHSEC, now))).to.equal(204);
    expect(await post(signed(WHSEC, now))).to.equal(204); // at-least-once: the repeat is answered, not handled again

    const mine = (await readLog()).filter((e) => e.id === id);
    expect(mine.map((e) => [e.accepted, e.reason ?? e.type])).to.deep.equal([
      [false, 'no webhook-signature entry matches'],
      [false, 'no webhook-signature entry matches'],
      [false, 'webhook-timestamp is not within 300 s of now'],
      [false, 'missing webhook-id, webhook-timestamp or webhook-signature'],
      [true, 'upgrade.cancelled'],
    ]);
  });

  it("upgrade-service.php stops with the API's error naming the field, and exit 2 naming a missing variable", async () => {
    const env = {
      UPSHIFT_URL: apiUrl,
      UPSHIFT_STOREFRONT_TOKEN: STOREFRONT,
      UPSHIFT_GATEWAY_TOKEN: GATEWAY,
      UPSHIFT_SERVICE_ID: String(p.c.serviceId),
    };
    const refused = await runPhp('upgrade-service.php', { ...env, UPSHIFT_PRODUCT_ID: '999999' });
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.match(
      /Upshift refused: HTTP 422 unknown_product: productId: .*\[productId: no such product\]/,
    );
    const missing = await runPhp('upgrade-service.php', env);
    expect([missing.code, missing.stderr.trim()]).to.deep.equal([
      2,
      'upgrade-service.php: UPSHIFT_PRODUCT_ID is not set',
    ]);
  });
});
