import { expect } from 'chai';
import { createPanelAdapter } from '../../../src/panels/create-panel-adapter.js';
import { createFakeCa, type FakeCa } from '../../../src/panels/fakes/fake-ca.js';
import { FakeCpanelServer, type FakeCpanelOptions } from '../../../src/panels/fakes/fake-cpanel-server.js';
import { InProcessPanelWorker } from './support/in-process-panel-worker.js';

let nextServerId = 3000;

describe('WHM as it really answers: root-locked suspensions, the login page, reseller packages (fake WHM over HTTPS, BullMQ worker)', function () {
  this.timeout(30_000);
  let ca: FakeCa;
  let worker: InProcessPanelWorker;
  let fake: FakeCpanelServer;

  before(async () => {
    ca = await createFakeCa();
  });
  beforeEach(async () => {
    worker = await new InProcessPanelWorker().ready();
  });
  afterEach(async () => {
    await worker.close();
    await fake.close();
  });

  async function serve(options: FakeCpanelOptions): Promise<number> {
    fake = await FakeCpanelServer.start({ ca, ...options });
    const config = fake.serverConfig({ id: nextServerId++ });
    worker.addServer(config);
    return config.id;
  }

  it('changes an account suspended by root (is_locked: 1) at once, as WHM does: one attempt, one write, the suspension left alone', async () => {
    const id = await serve({ accounts: { bob: { plan: 'starter', locked: true, suspendReason: 'abuse report' } } });
    expect(await createPanelAdapter(fake.serverConfig({ id })).getAccount('bob')).to.deep.equal({
      user: 'bob',
      package: 'starter',
      suspended: true,
      suspensionLocked: true,
      suspendedReason: 'abuse report',
      kind: 'user',
      owner: 'root',
    });
    const outcome = await worker.run(id, 'bob', 'pro');
    expect(outcome).to.deep.include({
      state: 'completed',
      attemptsMade: 1,
      returnvalue: { previousPackage: 'starter', changed: true, package: 'pro' },
    });
    expect(fake.writeRequests).to.equal(1);
    expect(fake.accounts.get('bob')).to.include({ plan: 'pro', locked: true });
  });

  it("takes cpsrvd's login page with HTTP 200 as an authentication failure: one attempt, one request", async () => {
    const id = await serve({});
    fake.faults.add({
      kind: 'reply',
      status: 200,
      contentType: 'text/html; charset="utf-8"',
      body: FakeCpanelServer.loginPage,
    });
    const outcome = await worker.run(id, 'bob', 'pro');
    expect(outcome).to.deep.include({ state: 'failed', attemptsMade: 1 });
    expect(outcome.failedReason).to.match(
      /^PanelAuthError: cpanel server \d+ accountsummary: WHM answered with its login page/,
    );
    expect(fake.count()).to.equal(1);
  });

  it('serves the login page itself to a Basic password it does not accept (as WHMSonic and the old WHMCS module saw)', async () => {
    await serve({});
    const res = await fetchWithCa(ca, `https://127.0.0.1:${fake.port}/json-api/listpkgs?api.version=1`, {
      authorization: `Basic ${Buffer.from('root:wrong').toString('base64')}`,
    });
    expect(res.status).to.equal(200);
    expect(res.body).to.include('<title>WHM Login</title>');
  });

  describe("a reseller's account (packages named <reseller>_<name>)", () => {
    const seed: FakeCpanelOptions = {
      packages: ['starter', 'pro', 'res1_small', 'res1_big', 'res2_big'],
      accounts: { alice: { plan: 'res1_small', owner: 'res1' } },
    };

    it("puts it on its reseller's package when the product names the package without the prefix", async () => {
      const id = await serve(seed);
      const outcome = await worker.run(id, 'alice', 'big');
      expect(outcome).to.deep.include({
        state: 'completed',
        attemptsMade: 1,
        returnvalue: { previousPackage: 'res1_small', changed: true, package: 'res1_big' },
      });
      expect(fake.accounts.get('alice')!.plan).to.equal('res1_big');
      // And the prefixed form names the same package: nothing left to do.
      expect((await worker.run(id, 'alice', 'res1_big')).returnvalue).to.deep.equal({
        previousPackage: 'res1_big',
        changed: false,
        package: 'res1_big',
      });
    });

    for (const other of ['pro', 'res2_big']) {
      it(`refuses ${other}, a package its owner cannot use: permanent, one attempt, no write`, async () => {
        const id = await serve(seed);
        const outcome = await worker.run(id, 'alice', other);
        expect(outcome).to.deep.include({ state: 'failed', attemptsMade: 1 });
        expect(outcome.failedReason).to.match(
          new RegExp(`^PanelPermissionError: package ${other} is not a package of reseller res1, which owns alice`),
        );
        expect(fake.writeRequests).to.equal(0);
      });
    }
  });
});

/** A GET to the fake trusting its CA (node's fetch cannot take a CA per call). */
async function fetchWithCa(
  ca: FakeCa,
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = https.request(url, { headers, ca: ca.cert }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
