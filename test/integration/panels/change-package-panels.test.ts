import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { createFakeCa, type FakeCa } from '../../../src/panels/fakes/fake-ca.js';
import { FakeCpanelServer } from '../../../src/panels/fakes/fake-cpanel-server.js';
import { FakeDirectAdminServer } from '../../../src/panels/fakes/fake-directadmin-server.js';
import type { FakePanelServer } from '../../../src/panels/fakes/fake-panel-server.js';
import { FakePleskServer } from '../../../src/panels/fakes/fake-plesk-server.js';
import type { PanelServerConfig } from '../../../src/panels/panel-server-config.js';
import { InProcessPanelWorker, type PanelJobOutcome } from './support/in-process-panel-worker.js';

/** One panel under test: how to seed its fake, and what its calls are called. */
interface PanelCase {
  type: 'cpanel' | 'plesk' | 'directadmin';
  /** The account name ChangePackage takes (Plesk: the subscription's domain). */
  user: string;
  current: string;
  target: string;
  packages: string[];
  readAction: string;
  writeAction: string;
  /** Every request of a successful change, in order. */
  happySequence: string[];
  /** Requests it takes to find that an account does not exist (Plesk also looks for a reseller of that login). */
  unknownAccountRequests: number;
  /** Starts the fake with `user` on `onPackage`. */
  start(ca: FakeCa, onPackage: string): Promise<FakePanelServer>;
  packageOf(fake: FakePanelServer, user: string): string | undefined;
}

const cases: PanelCase[] = [
  {
    type: 'cpanel',
    user: 'bob',
    current: 'starter',
    target: 'pro',
    packages: ['starter', 'pro', 'business'],
    readAction: 'accountsummary',
    writeAction: 'changepackage',
    happySequence: ['accountsummary', 'listpkgs', 'changepackage', 'accountsummary'],
    unknownAccountRequests: 1,
    start: (ca, plan) =>
      FakeCpanelServer.start({ ca, packages: ['starter', 'pro', 'business'], accounts: { bob: { plan } } }),
    packageOf: (fake, user) => (fake as FakeCpanelServer).accounts.get(user)?.plan,
  },
  {
    type: 'plesk',
    user: 'example.com',
    current: 'Starter',
    target: 'Pro',
    packages: ['Starter', 'Pro', 'Business'],
    readAction: 'webspace.get',
    writeAction: 'webspace.switch-subscription',
    // The plans are read once per change: the read-back compares GUIDs against the list the first read fetched.
    happySequence: ['webspace.get', 'service-plan.get', 'webspace.switch-subscription', 'webspace.get'],
    unknownAccountRequests: 2,
    start: (ca, plan) =>
      FakePleskServer.start({
        ca,
        plans: ['Starter', 'Pro', 'Business'],
        subscriptions: { 'example.com': { plan, addonGuids: [randomUUID()] } },
      }),
    packageOf: (fake, user) => (fake as FakePleskServer).planOf(user)?.name,
  },
  {
    type: 'directadmin',
    user: 'bob',
    current: 'basic',
    target: 'gold',
    packages: ['basic', 'gold', 'platinum'],
    readAction: 'CMD_API_SHOW_USER_CONFIG',
    writeAction: 'CMD_API_MODIFY_USER',
    happySequence: [
      'CMD_API_SHOW_USER_CONFIG',
      'CMD_API_PACKAGES_USER',
      'CMD_API_MODIFY_USER',
      'CMD_API_SHOW_USER_CONFIG',
    ],
    unknownAccountRequests: 1,
    start: (ca, pkg) =>
      FakeDirectAdminServer.start({ ca, packages: ['basic', 'gold', 'platinum'], users: { bob: { package: pkg } } }),
    packageOf: (fake, user) => (fake as FakeDirectAdminServer).users.get(user)?.package,
  },
];

let nextServerId = 1000;

for (const panel of cases) {
  describe(`ChangePackage on ${panel.type} (fake HTTPS server, BullMQ worker with the panel retry policy)`, function () {
    this.timeout(30_000);
    let ca: FakeCa;
    let worker: InProcessPanelWorker;
    let fake: FakePanelServer;
    let config: PanelServerConfig;

    before(async () => {
      ca = await createFakeCa();
    });

    /** Starts the fake with the account on `onPackage` and registers it with the worker. */
    async function serve(onPackage = panel.current, overrides: Partial<PanelServerConfig> = {}): Promise<void> {
      fake = await panel.start(ca, onPackage);
      config = fake.serverConfig({ id: nextServerId++, ...overrides });
      worker.addServer(config);
    }

    const run = (user = panel.user, pkg = panel.target): Promise<PanelJobOutcome> => worker.run(config.id, user, pkg);
    const applied = (): number => fake.requests.filter((r) => r.applied).length;

    beforeEach(async () => {
      worker = await new InProcessPanelWorker().ready();
    });

    afterEach(async () => {
      // Whatever happened, no secret reached the call log or the job data.
      const log = JSON.stringify(worker.recorder.entries);
      expect(log).not.to.include(fake.credentials.secret);
      expect(log).not.to.include(
        Buffer.from(`${fake.credentials.username}:${fake.credentials.secret}`).toString('base64'),
      );
      await worker.close();
      await fake.close();
    });

    it('happy path: reads, checks the package, writes once, verifies', async () => {
      await serve();
      const outcome = await run();
      expect(outcome).to.deep.include({
        state: 'completed',
        attemptsMade: 1,
        returnvalue: { previousPackage: panel.current, changed: true, package: panel.target },
      });
      expect(outcome.data).to.have.all.keys('serverId', 'user', 'package');
      expect(panel.packageOf(fake, panel.user)).to.equal(panel.target);
      expect(fake.requests.map((r) => r.action)).to.deep.equal(panel.happySequence);
      expect(fake.writeRequests).to.equal(1);
      expect(worker.recorder.entries.map((e) => [e.action, e.outcome, e.httpStatus])).to.deep.equal(
        panel.happySequence.map((a) => [a, 'ok', 200]),
      );
    });

    it('already on the target: no write', async () => {
      await serve(panel.target);
      const outcome = await run();
      expect(outcome).to.deep.include({
        state: 'completed',
        attemptsMade: 1,
        returnvalue: { previousPackage: panel.target, changed: false, package: panel.target },
      });
      expect(fake.writeRequests).to.equal(0);
      expect(fake.count(panel.readAction)).to.equal(1);
    });

    it('unknown account: permanent, one attempt, one request', async () => {
      await serve();
      const outcome = await run(`nosuch-${panel.user}`);
      expect(outcome).to.deep.include({ state: 'failed', attemptsMade: 1 });
      expect(outcome.failedReason).to.match(/^PanelNotFoundError: /);
      expect(fake.count()).to.equal(panel.unknownAccountRequests);
      expect(fake.writeRequests).to.equal(0);
    });

    it('unknown package: permanent, one attempt, no write', async () => {
      await serve();
      const outcome = await run(panel.user, 'no-such-package');
      expect(outcome).to.deep.include({ state: 'failed', attemptsMade: 1 });
      expect(outcome.failedReason).to.match(/^PanelNotFoundError: .*no-such-package/);
      expect(fake.writeRequests).to.equal(0);
      expect(panel.packageOf(fake, panel.user)).to.equal(panel.current);
    });

    it('bad credentials: permanent, one attempt, exactly one login tried', async () => {
      await serve(panel.current, { secret: 'wrong-secret-for-this-panel' });
      const outcome = await run();
      expect(outcome).to.deep.include({ state: 'failed', attemptsMade: 1 });
      expect(outcome.failedReason)
        .to.match(/^PanelAuthError: /)
        .and.not.include('wrong-secret-for-this-panel');
      expect(fake.requests).to.deep.equal([
        { action: panel.readAction, mutating: false, authorized: false, applied: false },
      ]);
      expect(JSON.stringify(worker.recorder.entries)).not.to.include('wrong-secret-for-this-panel');
    });

    it('HTTP 503 on the write: retried, then success; only one write applied', async () => {
      await serve();
      fake.faults.add({ kind: 'status', status: 503, action: panel.writeAction, times: 1 });
      const outcome = await run();
      expect(outcome).to.deep.include({
        state: 'completed',
        attemptsMade: 2,
        returnvalue: { previousPackage: panel.current, changed: true, package: panel.target },
      });
      expect(fake.writeRequests).to.equal(2);
      expect(applied()).to.equal(1);
      expect(worker.recorder.entries.find((e) => e.httpStatus === 503)).to.include({
        action: panel.writeAction,
        outcome: 'unknown',
      });
    });

    it('connection reset on the first read: retried, then success', async () => {
      await serve();
      fake.faults.add({ kind: 'reset', action: panel.readAction, times: 1 });
      const outcome = await run();
      expect(outcome).to.deep.include({
        state: 'completed',
        attemptsMade: 2,
        returnvalue: { previousPackage: panel.current, changed: true, package: panel.target },
      });
      expect(fake.writeRequests).to.equal(1);
      expect(worker.recorder.entries[0]).to.include({
        action: panel.readAction,
        outcome: 'error',
        httpStatus: null,
        response: null,
      });
    });

    it('connection reset on the write (not applied): retried, the retry writes again, success', async () => {
      await serve();
      fake.faults.add({ kind: 'reset', action: panel.writeAction, times: 1 });
      const outcome = await run();
      expect(outcome).to.deep.include({
        state: 'completed',
        attemptsMade: 2,
        returnvalue: { previousPackage: panel.current, changed: true, package: panel.target },
      });
      expect(fake.writeRequests).to.equal(2);
      expect(applied()).to.equal(1);
    });

    it('write completed on the server but replied after the client timeout: the retry reads it back and does not write again', async () => {
      await serve(panel.current, { timeoutMs: 1000 });
      fake.faults.add({ kind: 'late-reply', ms: 3000, action: panel.writeAction, times: 1 });
      const outcome = await run();
      expect(outcome).to.deep.include({
        state: 'completed',
        attemptsMade: 2,
        returnvalue: { previousPackage: panel.target, changed: false, package: panel.target },
      });
      expect(fake.writeRequests).to.equal(1);
      expect(applied()).to.equal(1);
      expect(panel.packageOf(fake, panel.user)).to.equal(panel.target);
      const write = worker.recorder.entries.find((e) => e.action === panel.writeAction)!;
      expect(write).to.include({ outcome: 'unknown', httpStatus: null });
      expect(write.error).to.match(/timed out after 1000 ms; the change may or may not have been applied/);
    });

    // Only Plesk has a "busy" account state (gen_info status 4, backup/restore). WHM's is_locked is a root-only
    // suspension (see suspended-and-reseller tests) and DirectAdmin documents none.
    if (panel.type === 'plesk')
      it('subscription under backup/restore on the first read: retried, then success', async () => {
        await serve();
        fake.faults.add({ kind: 'locked', action: panel.readAction, times: 1 });
        const outcome = await run();
        expect(outcome).to.deep.include({
          state: 'completed',
          attemptsMade: 2,
          returnvalue: { previousPackage: panel.current, changed: true, package: panel.target },
        });
        expect(fake.writeRequests).to.equal(1);
      });
  });
}
