import { expect } from 'chai';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { buildApiServer } from '../../src/api/build-api-server.js';
import { packageRoot } from '../../src/config/package-root.js';
import { JobAudit } from '../../src/db/entities/index.js';
import { startFakePanels, type FakePanels } from '../../src/panels/fakes/index.js';
import { startCpanelPipeline, type CpanelPipeline } from '../support/cpanel-pipeline.js';

/** Debian's `chromium` package (CI installs it in .ci/run); the test fails rather than skips without it. */
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'browser-pass-123';

/**
 * What the on-call person does: sign in to the dashboard, find the failed provisioning job, retry it (after the
 * cause is fixed) and see it complete — in a real headless Chromium against the API listening on loopback.
 */
describe('retry dashboard in headless Chromium (playwright-core, MariaDB, Redis, workers, fake WHM)', function () {
  this.timeout(90_000);
  let panels: FakePanels;
  let p: CpanelPipeline;
  let api: FastifyInstance;
  let profile: string;
  let browser: BrowserContext | null = null;
  before(async () => {
    panels = await startFakePanels();
    p = await startCpanelPipeline(panels, { config: { dashboardPassword: PASSWORD } });
    api = await buildApiServer(p.h.ctx, {
      readiness: async () => ({ database: true, redis: true }),
      queues: p.h.producer.allQueues(),
    });
    await api.listen({ host: '127.0.0.1', port: 0 });
    profile = await mkdtemp(join(tmpdir(), 'upshift-chromium-'));
  });
  after(async () => {
    await browser?.close();
    await api.close();
    await p.h.close();
    await panels.close();
    await rm(profile, { recursive: true, force: true });
  });

  it('signs in, finds the failed provisioning job, retries it and sees it complete (screenshot saved)', async () => {
    expect(
      existsSync(CHROMIUM),
      `${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium`,
    ).to.equal(true);
    // WHM does not know the account: the provisioning job fails for good and the upgrade waits for ops.
    await p.h.db.ds.query('UPDATE services SET username = ? WHERE id = ?', ['nosuchuser', p.c.serviceId]);
    const upgradeId = await p.placeAndPay();
    await p.h.waitForStatus(upgradeId, 'provisioning_failed');
    const jobId = `provision-${upgradeId}`;
    // The on-call person fixes the cause: the service's panel user name.
    await p.h.db.ds.query('UPDATE services SET username = ? WHERE id = ?', ['bob', p.c.serviceId]);

    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      httpCredentials: { username: 'ops', password: PASSWORD },
      viewport: { width: 1280, height: 800 },
    });
    const base = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    const page = browser.pages()[0] ?? (await browser.newPage());
    // Hermetic: the dashboard's web font is the only thing it asks the internet for.
    await page.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));

    await page.goto(`${base}/admin/queues`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('link', { name: 'provisioning' }).first().click();
    await page.getByRole('link', { name: /FAILED/ }).click();
    // The failed list holds this one job: its card shows the id and the panel's error.
    await page.getByText(jobId, { exact: true }).waitFor();
    await page
      .getByText(/Account does not exist/)
      .first()
      .waitFor();
    await page.locator('button:has(svg.lucide-refresh-cw)').filter({ hasNotText: 'Retry all' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();

    await p.h.waitForStatus(upgradeId, 'completed', 30_000);
    await page.getByRole('link', { name: /COMPLETED/ }).click();
    await page.getByText(jobId, { exact: true }).waitFor();
    const shot = join(packageRoot(), 'test-output', 'dashboard-retry.png');
    await mkdir(join(packageRoot(), 'test-output'), { recursive: true });
    await page.screenshot({ path: shot, fullPage: true });
    expect((await stat(shot)).size).to.be.greaterThan(10_000);

    expect(panels.cpanel.accounts.get('bob')!.plan).to.equal('pro');
    const audit = await p.h.db.ds.getRepository(JobAudit).find();
    expect(audit.map((a) => [a.who, a.action, a.queue, a.jobId])).to.deep.equal([
      ['dashboard:ops', 'retry', 'provisioning', jobId],
    ]);
  });
});
