import { expect } from 'chai';
import { createPanelAdapter } from '../../../src/panels/create-panel-adapter.js';
import { createFakeCa, type FakeCa } from '../../../src/panels/fakes/fake-ca.js';
import { FakePleskServer, type FakePleskOptions } from '../../../src/panels/fakes/fake-plesk-server.js';
import { MemoryPanelCallRecorder } from '../../../src/panels/memory-panel-call-recorder.js';
import { InProcessPanelWorker } from './support/in-process-panel-worker.js';

let nextServerId = 5000;

/** Two owners with plans of the same names: only the GUIDs tell them apart, as on a real Plesk. */
const seed: FakePleskOptions = {
  plans: [
    { name: 'Starter' },
    { name: 'Pro' },
    { name: 'Starter', owner: 'res1' },
    { name: 'Pro', owner: 'res1' },
    { name: 'Gold', owner: 'res1' },
  ],
  subscriptions: {
    'admin-site.example': { plan: 'Starter' },
    'shop.example': { plan: 'Starter', planOwner: 'res1', addonGuids: ['addon-guid-1'] },
  },
  resellerPlans: ['Reseller Small', 'Reseller Big'],
  resellers: { res1: { plan: 'Reseller Small' } },
};

describe('Plesk resellers: reseller-owned plans and reseller accounts (fake Plesk over HTTPS, BullMQ worker)', function () {
  this.timeout(30_000);
  let ca: FakeCa;
  let worker: InProcessPanelWorker;
  let fake: FakePleskServer;
  let id: number;

  before(async () => {
    ca = await createFakeCa();
  });
  beforeEach(async () => {
    worker = await new InProcessPanelWorker().ready();
    fake = await FakePleskServer.start({ ca, ...seed });
    id = nextServerId++;
    worker.addServer(fake.serverConfig({ id }));
  });
  afterEach(async () => {
    await worker.close();
    await fake.close();
  });

  it("reads a subscription on a reseller's plan as that plan, owned by the reseller (an empty filter alone lists only the admin's)", async () => {
    const adapter = createPanelAdapter(fake.serverConfig({ id }));
    expect(await adapter.getAccount('shop.example')).to.deep.equal({
      user: 'shop.example',
      package: 'Starter',
      suspended: false,
      kind: 'user',
      owner: 'res1',
    });
    expect(await adapter.listPackages(), "the requester's own plans").to.deep.equal(['Starter', 'Pro']);
  });

  it("switches it to the reseller's plan of that name (not the admin's namesake), reading the plans once", async () => {
    const outcome = await worker.run(id, 'shop.example', 'Pro');
    expect(outcome).to.deep.include({
      state: 'completed',
      attemptsMade: 1,
      returnvalue: { previousPackage: 'Starter', changed: true, package: 'Pro' },
    });
    expect(fake.planOf('shop.example')).to.include({ name: 'Pro', owner: 'res1' });
    expect(fake.requests.map((r) => r.action)).to.deep.equal([
      'webspace.get',
      'service-plan.get',
      'webspace.switch-subscription',
      'webspace.get',
    ]);
    expect(worker.recorder.entries.find((e) => e.action === 'service-plan.get')!.request)
      .to.include('<owner-all/>')
      .and.include('version="1.6.3.4"');
    // The admin's Starter subscription goes to the admin's Pro.
    expect((await worker.run(id, 'admin-site.example', 'Pro')).state).to.equal('completed');
    expect(fake.planOf('admin-site.example')).to.include({ name: 'Pro', owner: 'admin' });
  });

  it('refuses a plan of another owner: permanent, one attempt, no write', async () => {
    const outcome = await worker.run(id, 'admin-site.example', 'Gold');
    expect(outcome).to.deep.include({ state: 'failed', attemptsMade: 1 });
    expect(outcome.failedReason).to.match(
      /^PanelNotFoundError: package Gold does not exist among the packages of admin, which owns admin-site.example \(Starter, Pro\)/,
    );
    expect(fake.writeRequests).to.equal(0);
  });

  it('changes a reseller account with <reseller><switch-subscription> and a reseller plan', async () => {
    const recorder = new MemoryPanelCallRecorder();
    const adapter = createPanelAdapter(fake.serverConfig({ id }), recorder);
    expect(await adapter.getAccount('res1')).to.deep.equal({
      user: 'res1',
      package: 'Reseller Small',
      suspended: false,
      kind: 'reseller',
      owner: null,
    });
    const outcome = await worker.run(id, 'res1', 'Reseller Big');
    expect(outcome).to.deep.include({
      state: 'completed',
      attemptsMade: 1,
      returnvalue: { previousPackage: 'Reseller Small', changed: true, package: 'Reseller Big' },
    });
    expect(fake.resellerPlanOf('res1')!.name).to.equal('Reseller Big');
    const bigGuid = fake.resellerPlans.find((p) => p.name === 'Reseller Big')!.guid;
    const write = worker.recorder.entries.find((e) => e.action === 'reseller.switch-subscription')!;
    expect(write.request)
      .to.match(/<reseller><switch-subscription><filter><id>\d+<\/id><\/filter><plan-guid>/)
      .and.include(bigGuid);
    expect(fake.requests.slice(-5).map((r) => r.action)).to.deep.equal([
      'webspace.get',
      'reseller.get',
      'reseller-plan.get',
      'reseller.switch-subscription',
      'reseller.get',
    ]);
  });

  it('names a missing account as neither a subscription nor a reseller', async () => {
    const outcome = await worker.run(id, 'nosuch.example', 'Pro');
    expect(outcome).to.deep.include({ state: 'failed', attemptsMade: 1 });
    expect(outcome.failedReason).to.match(
      /^PanelNotFoundError: .*reseller.get: Plesk error 1013: Object not found. \(neither a subscription nor a reseller named nosuch.example exists\)/,
    );
  });
});
