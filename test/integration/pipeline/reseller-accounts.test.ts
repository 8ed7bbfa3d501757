import { expect } from 'chai';
import { PanelCall } from '../../../src/db/entities/index.js';
import { createFakeCa, type FakeCa } from '../../../src/panels/fakes/fake-ca.js';
import { FakeCpanelServer } from '../../../src/panels/fakes/fake-cpanel-server.js';
import { FakeDirectAdminServer } from '../../../src/panels/fakes/fake-directadmin-server.js';
import type { FakePanelServer } from '../../../src/panels/fakes/fake-panel-server.js';
import { FakePleskServer } from '../../../src/panels/fakes/fake-plesk-server.js';
import { startPipeline, type PipelineHarness } from '../../support/pipeline-harness.js';
import { createPanelServer, seedCatalog } from '../../support/seed-catalog.js';

/** One panel whose account belongs to reseller res1, with the product packages and where to check the result. */
interface ResellerCase {
  type: 'cpanel' | 'plesk' | 'directadmin';
  starter: string;
  pro: string;
  start(ca: FakeCa): Promise<FakePanelServer>;
  /** The account's package on the panel after the upgrade, as the panel names it. */
  packageAfter(fake: FakePanelServer): string | undefined;
  /** Before and after, as the panel names them. */
  previous: string;
  expected: string;
  /** The panel write, and the login or plan owner that proves the reseller's packages were used. */
  writeAction: string;
  checkReseller(fake: FakePanelServer): void;
}

const cases: ResellerCase[] = [
  {
    type: 'cpanel',
    starter: 'starter',
    pro: 'pro',
    start: (ca) =>
      FakeCpanelServer.start({
        ca,
        packages: ['starter', 'pro', 'res1_starter', 'res1_pro'],
        accounts: { janedoe: { plan: 'res1_starter', owner: 'res1' } },
      }),
    packageAfter: (fake) => (fake as FakeCpanelServer).accounts.get('janedoe')?.plan,
    previous: 'res1_starter',
    expected: 'res1_pro',
    writeAction: 'changepackage',
    checkReseller: (fake) => expect((fake as FakeCpanelServer).accounts.get('janedoe')!.owner).to.equal('res1'),
  },
  {
    type: 'plesk',
    starter: 'Starter',
    pro: 'Pro',
    start: (ca) =>
      FakePleskServer.start({
        ca,
        plans: [
          { name: 'Starter' },
          { name: 'Pro' },
          { name: 'Starter', owner: 'res1' },
          { name: 'Pro', owner: 'res1' },
        ],
        subscriptions: { 'jane.example.test': { plan: 'Starter', planOwner: 'res1' } },
      }),
    packageAfter: (fake) => (fake as FakePleskServer).planOf('jane.example.test')?.name,
    previous: 'Starter',
    expected: 'Pro',
    writeAction: 'webspace.switch-subscription',
    checkReseller: (fake) => expect((fake as FakePleskServer).planOf('jane.example.test')!.owner).to.equal('res1'),
  },
  {
    type: 'directadmin',
    starter: 'starter',
    pro: 'pro',
    start: (ca) =>
      FakeDirectAdminServer.start({
        ca,
        packages: ['basic', 'gold'],
        resellerUserPackages: { res1: ['starter', 'pro'] },
        users: {
          res1: { package: 'reseller-small', usertype: 'reseller' },
          janedoe: { package: 'starter', creator: 'res1' },
        },
      }),
    packageAfter: (fake) => (fake as FakeDirectAdminServer).users.get('janedoe')?.package,
    previous: 'starter',
    expected: 'pro',
    writeAction: 'CMD_API_MODIFY_USER',
    checkReseller: (fake) =>
      expect(fake.requests.find((r) => r.action === 'CMD_API_MODIFY_USER')!.actingAs).to.equal('res1'),
  },
];

describe('reseller-owned accounts through the whole pipeline (order → paid → ChangePackage → email; MariaDB, Redis, workers, HTTPS fakes)', function () {
  this.timeout(60_000);
  let ca: FakeCa;
  before(async () => {
    ca = await createFakeCa();
  });

  for (const panel of cases) {
    describe(panel.type, () => {
      let h: PipelineHarness;
      let fake: FakePanelServer;
      beforeEach(async () => {
        fake = await panel.start(ca);
        h = await startPipeline({ provisioning: { adapterOptions: {} } });
      });
      afterEach(async () => {
        await h.close();
        await fake.close();
      });

      it(`upgrades an account of reseller res1 onto res1's ${panel.pro} and mails the client`, async () => {
        const serverId = await createPanelServer(h, fake);
        const c = await seedCatalog(h, {
          username: 'janedoe',
          module: { serverId, type: panel.type, starter: panel.starter, pro: panel.pro },
        });
        const placed = await h.call('POST', `/v1/services/${c.serviceId}/upgrades`, {
          productId: c.proId,
          actor: 'client',
        });
        expect(placed.statusCode, placed.body).to.equal(202);
        const { upgradeId } = placed.json<{ upgradeId: number }>();
        const invoiced = await h.waitForStatus(upgradeId, 'invoiced');
        const paid = await h.call('POST', `/v1/invoices/${invoiced.invoiceId}/payments`, {
          amount: '12.22',
          gateway: 'stripe',
          transactionId: `ch_reseller_${upgradeId}`,
        });
        expect(paid.statusCode, paid.body).to.equal(202);
        const done = await h.waitForStatus(upgradeId, 'completed', 30_000);

        const history = (await h.call('GET', `/v1/upgrades/${upgradeId}`)).json<{
          history: Array<{ status: string }>;
        }>().history;
        expect(history.map((s) => s.status)).to.deep.equal([
          'queued',
          'invoiced',
          'paid',
          'applied',
          'provisioned',
          'completed',
        ]);
        expect(done.provisioningResult).to.deep.include({
          ok: true,
          previousPackage: panel.previous,
          newPackage: panel.expected,
          changed: true,
          attempts: 1,
        });
        expect(panel.packageAfter(fake)).to.equal(panel.expected);
        panel.checkReseller(fake);
        expect(fake.count(panel.writeAction)).to.equal(1);

        const calls = await h.db.ds.getRepository(PanelCall).findBy({ upgradeId });
        expect(calls.filter((x) => x.action === panel.writeAction).map((x) => x.outcome)).to.deep.equal(['ok']);
        expect(calls.every((x) => !x.request.includes(fake.credentials.secret))).to.equal(true);
        await h.drain(['email']);
        const mails = await h.db.ds.query<Array<{ template: string; status: string }>>(
          'SELECT template, status FROM email_log WHERE upgradeId = ? ORDER BY id',
          [upgradeId],
        );
        expect(mails.map((m) => m.template)).to.include('upgrade-completed');
      });
    });
  }
});
