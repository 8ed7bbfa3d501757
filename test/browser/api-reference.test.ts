import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import type { OpenApiDocument } from '../../src/api/openapi/build-openapi-document.js';
import { packageRoot } from '../../src/config/package-root.js';
import { startApiHarness, type ApiHarness } from '../integration/api/api-harness.js';

/** Debian's `chromium` package (CI installs it in .ci/run); the test fails rather than skips without it. */
const CHROMIUM = '/usr/bin/chromium';

/**
 * DESIGN §4.2: the reference page at `/docs` renders in a real headless Chromium, offline (every request outside the
 * API is refused, so the page works from what Upshift serves), without a token, and lists every operation of the
 * document and every webhook event.
 */
describe('API reference (/docs) in headless Chromium (playwright-core, Scalar served by the API)', function () {
  this.timeout(120_000);
  let h: ApiHarness;
  let profile: string;
  let browser: BrowserContext | null = null;
  let base: string;
  before(async () => {
    h = await startApiHarness();
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    profile = await mkdtemp(join(tmpdir(), 'upshift-chromium-'));
  });
  after(async () => {
    await browser?.close();
    await h.close();
    await rm(profile, { recursive: true, force: true });
  });

  it('renders every operation and webhook of /openapi.json, offline and without a token (screenshot saved)', async () => {
    expect(
      existsSync(CHROMIUM),
      `${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium`,
    ).to.equal(true);
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json<OpenApiDocument>();
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
      viewport: { width: 1280, height: 900 },
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    const outside: string[] = [];
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith(base)) return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    const res = await page.goto(`${base}/docs`, { waitUntil: 'domcontentloaded' });
    expect(res?.status()).to.equal(200);
    await page.getByText('Upshift API', { exact: false }).first().waitFor({ timeout: 60_000 });
    // Every operation's summary and every webhook event is on the page (the sidebar lists them all, tags open).
    const summaries = [
      ...Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => String(op.summary))),
      ...Object.keys(doc.webhooks),
    ];
    await page.getByText(summaries[0], { exact: false }).first().waitFor({ timeout: 60_000 });
    const text = await page.locator('body').innerText();
    const missing = summaries.filter((s) => !text.includes(s));
    expect(missing, 'operations the rendered reference does not show').to.deep.equal([]);
    expect(errors, 'script errors on the page').to.deep.equal([]);

    const shot = join(packageRoot(), 'test-output', 'api-reference.png');
    await mkdir(join(packageRoot(), 'test-output'), { recursive: true });
    await page.screenshot({ path: shot, fullPage: false });
    expect((await stat(shot)).size).to.be.greaterThan(10_000);
    // It rendered with every request outside the API refused: nothing it needs comes from a CDN.
    expect(
      outside.filter((u) => /\.m?js(\?|$)/.test(u)),
      'scripts asked for outside the API',
    ).to.deep.equal([]);
  });
});
