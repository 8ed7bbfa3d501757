import { expect } from 'chai';
import { inspect } from 'node:util';
import { changePackage } from '../../../src/panels/change-package.js';
import { createPanelAdapter } from '../../../src/panels/create-panel-adapter.js';
import {
  PanelAuthError,
  PanelBlacklistedError,
  PanelNotFoundError,
  PanelOutcomeUnknownError,
  PanelPermissionError,
  PanelTransientError,
} from '../../../src/panels/panel-errors.js';
import { createFakeCa, type FakeCa } from '../../../src/panels/fakes/fake-ca.js';
import { FakeCpanelServer } from '../../../src/panels/fakes/fake-cpanel-server.js';
import { FakeDirectAdminServer } from '../../../src/panels/fakes/fake-directadmin-server.js';
import type { FakePanelServer } from '../../../src/panels/fakes/fake-panel-server.js';
import { FakePleskServer } from '../../../src/panels/fakes/fake-plesk-server.js';
import { MemoryPanelCallRecorder } from '../../../src/panels/memory-panel-call-recorder.js';
import type { PanelAccount } from '../../../src/panels/panel-adapter.js';
import type { PanelLogger } from '../../../src/panels/panel-logger.js';
import { waitUntil } from './support/wait-until.js';

/** An account as `getAccount` reads it, for the raw writes below. */
const bob: PanelAccount = { user: 'bob', package: 'starter', suspended: false, kind: 'user', owner: 'admin' };

/** Resolves to the rejection of `promise`, or fails the test when it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (err: Error) => err,
  );
}

describe('panel adapters: panel-specific behaviour against the fakes', function () {
  this.timeout(20_000);
  let ca: FakeCa;
  const fakes: FakePanelServer[] = [];
  const warnings: Array<{ obj: Record<string, unknown>; msg: string }> = [];
  const logger: PanelLogger = { warn: (obj, msg) => warnings.push({ obj: obj as Record<string, unknown>, msg }) };
  const track = <T extends FakePanelServer>(fake: T): T => {
    fakes.push(fake);
    return fake;
  };

  before(async () => {
    ca = await createFakeCa();
  });
  afterEach(async () => {
    warnings.length = 0;
    await Promise.all(fakes.splice(0).map((f) => f.close()));
  });

  describe('cPanel', () => {
    it('lets a reseller change its own account to its own (prefixed) package, and nothing else', async () => {
      const fake = track(
        await FakeCpanelServer.start({
          ca,
          tokens: { res1: 'RESELLER-TOKEN-1234' },
          packages: ['pro', 'res1_small', 'res1_big'],
          accounts: { alice: { plan: 'res1_small', owner: 'res1' }, bob: { plan: 'pro', owner: 'root' } },
        }),
      );
      const adapter = createPanelAdapter(fake.serverConfig({ id: 1 }));
      expect(await adapter.listPackages()).to.deep.equal(['res1_small', 'res1_big']);
      expect(await changePackage(adapter, 'alice', 'res1_big')).to.deep.equal({
        previousPackage: 'res1_small',
        changed: true,
        package: 'res1_big',
      });
      const notMine = { user: 'bob', package: 'pro', suspended: false, kind: 'user' as const, owner: 'root' };
      expect(await rejectionOf(adapter.changePackage(notMine, 'res1_big')))
        .to.be.instanceOf(PanelPermissionError)
        .with.property('message')
        .that.matches(/You do not own the user bob/);
      expect(await rejectionOf(adapter.getAccount('bob'))).to.be.instanceOf(PanelNotFoundError);
    });
  });

  describe('Plesk', () => {
    it('resolves the plan GUID from the name and logs the <problems> table of a downgrade', async () => {
      const problems = 'Description Current Requested Allowed\nDisk space 2 GB 1 GB 1 GB';
      const fake = track(
        await FakePleskServer.start({
          ca,
          plans: ['Big', { name: 'Small', problems }],
          subscriptions: { 'shop.example': { plan: 'Big' } },
        }),
      );
      const recorder = new MemoryPanelCallRecorder();
      const adapter = createPanelAdapter(fake.serverConfig({ id: 2 }), recorder, { logger });
      expect(await changePackage(adapter, 'shop.example', 'Small')).to.deep.equal({
        previousPackage: 'Big',
        changed: true,
        package: 'Small',
      });
      const smallGuid = fake.plans.find((p) => p.name === 'Small')!.guid;
      expect(recorder.entries.find((e) => e.action === 'webspace.switch-subscription')!.request).to.include(
        `<plan-guid>${smallGuid}</plan-guid>`,
      );
      expect(warnings).to.deep.equal([
        {
          obj: { serverId: 2, subscription: 'shop.example', plan: 'Small', problems },
          msg: 'Plesk switched the subscription but reported problems',
        },
      ]);
    });

    it('authenticates with a secret KEY when the username is empty (11003 when wrong)', async () => {
      const fake = track(await FakePleskServer.start({ ca, secretKey: 'PLESK-SECRET-KEY-0001' }));
      const recorder = new MemoryPanelCallRecorder();
      const good = createPanelAdapter(
        fake.serverConfig({ id: 3, username: '', secret: 'PLESK-SECRET-KEY-0001' }),
        recorder,
      );
      expect(await good.getAccount('example.com')).to.deep.equal({
        user: 'example.com',
        package: 'Starter',
        suspended: false,
        kind: 'user',
        owner: 'admin',
      });
      expect(recorder.entries[0].request).to.include('KEY: [REDACTED]').and.not.include('PLESK-SECRET-KEY-0001');
      const bad = createPanelAdapter(fake.serverConfig({ id: 3, username: '', secret: 'WRONG-KEY-000' }));
      expect(await rejectionOf(bad.getAccount('example.com')))
        .to.be.instanceOf(PanelAuthError)
        .with.property('message')
        .that.includes('11003');
    });

    it('reports a disabled subscription as suspended', async () => {
      const fake = track(
        await FakePleskServer.start({ ca, subscriptions: { 'off.example': { plan: 'Pro', status: 16 } } }),
      );
      expect(await createPanelAdapter(fake.serverConfig({ id: 4 })).getAccount('off.example')).to.deep.include({
        package: 'Pro',
        suspended: true,
      });
    });
  });

  describe('DirectAdmin', () => {
    it('works with a version that ignores json=yes and answers url-encoded', async () => {
      const fake = track(
        await FakeDirectAdminServer.start({ ca, json: false, users: { bob: { package: 'basic', suspended: true } } }),
      );
      const recorder = new MemoryPanelCallRecorder();
      const adapter = createPanelAdapter(fake.serverConfig({ id: 5 }), recorder);
      expect(await adapter.getAccount('bob')).to.deep.equal({
        user: 'bob',
        package: 'basic',
        suspended: true,
        kind: 'user',
        owner: 'admin',
      });
      expect(await changePackage(adapter, 'bob', 'platinum')).to.deep.equal({
        previousPackage: 'basic',
        changed: true,
        package: 'platinum',
      });
      expect(recorder.entries.map((e) => e.response![0])).to.not.include('{');
      expect(recorder.entries.find((e) => e.action === 'CMD_API_PACKAGES_USER')!.response).to.equal(
        'list[]=basic&list[]=gold&list[]=platinum',
      );
    });

    it('turns the "authority level" text into a permission error', async () => {
      const fake = track(
        await FakeDirectAdminServer.start({ ca, logins: { bobuser: { password: 'USER-LEVEL-KEY-1', level: 'user' } } }),
      );
      expect(await rejectionOf(createPanelAdapter(fake.serverConfig({ id: 7 })).getAccount('bob'))).to.be.instanceOf(
        PanelPermissionError,
      );
    });

    it('shows why auth errors are never retried: after the failures, even the right password is refused as blacklisted', async () => {
      const fake = track(await FakeDirectAdminServer.start({ ca, blacklistAfter: 2 }));
      const wrong = createPanelAdapter(fake.serverConfig({ id: 8, secret: 'wrong-password-1' }));
      for (let i = 0; i < 2; i++)
        expect(await rejectionOf(wrong.getAccount('bob')))
          .to.be.instanceOf(PanelAuthError)
          .and.not.be.instanceOf(PanelBlacklistedError);
      expect(fake.isBlacklisted()).to.equal(true);
      expect(await rejectionOf(createPanelAdapter(fake.serverConfig({ id: 8 })).getAccount('bob'))).to.be.instanceOf(
        PanelBlacklistedError,
      );
    });
  });

  describe('transport', () => {
    it('classifies a refused connection as transient even for a write (it was never sent)', async () => {
      const fake = track(await FakeCpanelServer.start({ ca }));
      const config = fake.serverConfig({ id: 9 });
      await fake.close();
      const err = await rejectionOf(createPanelAdapter(config).changePackage(bob, 'pro'));
      expect(err).to.be.instanceOf(PanelTransientError).and.not.be.instanceOf(PanelOutcomeUnknownError);
      expect(err.message).to.match(/ECONNREFUSED/);
    });

    it("stops at the caller's abort: a read is transient, a write's outcome is unknown", async () => {
      const fake = track(await FakeDirectAdminServer.start({ ca }));
      const adapter = createPanelAdapter(fake.serverConfig({ id: 10 }));
      fake.pause();
      const abortWhileHeld = async (call: (signal: AbortSignal) => Promise<unknown>): Promise<Error> => {
        const controller = new AbortController();
        const pending = rejectionOf(call(controller.signal));
        await waitUntil('the call is held by the fake', () => fake.inFlight === 1);
        controller.abort();
        const err = await pending;
        await waitUntil('the fake saw the connection close', () => fake.inFlight === 0);
        return err;
      };
      const read = await abortWhileHeld((signal) => adapter.getAccount('bob', signal));
      expect(read).to.be.instanceOf(PanelTransientError).and.not.be.instanceOf(PanelOutcomeUnknownError);
      expect(read.message).to.equal('directadmin server 10 CMD_API_SHOW_USER_CONFIG: aborted by the caller');
      const write = await abortWhileHeld((signal) => adapter.changePackage(bob, 'gold', signal));
      expect(write).to.be.instanceOf(PanelOutcomeUnknownError);
      expect(write.message).to.equal(
        'directadmin server 10 CMD_API_MODIFY_USER: aborted by the caller; the change may or may not have been applied',
      );
      fake.resume();
    });

    it('treats an HTML page with HTTP 200 where JSON is expected as an unparseable reply (transient, capped)', async () => {
      // A WHM adapter pointed at a DirectAdmin port gets DA's login page, with status 200.
      const whm = track(await FakeCpanelServer.start({ ca }));
      const da = track(await FakeDirectAdminServer.start({ ca }));
      const misrouted = createPanelAdapter({ ...whm.serverConfig({ id: 11 }), port: da.port });
      const err = await rejectionOf(misrouted.listPackages());
      expect(err).to.be.instanceOf(PanelTransientError).and.include({ maxAttempts: 3 });
      expect(err.message).to.match(
        /^cpanel server 11 listpkgs: WHM reply is not JSON \(HTTP 200, text\/html, \d+ bytes\)$/,
      );
      expect(err.message).not.to.include('<!doctype'); // not the panel's answer: its bytes stay in the call log
    });

    it('puts no credential in any error, its cause included (loggers serialize causes)', async () => {
      const fake = track(await FakeCpanelServer.start({ ca }));
      const { username, secret } = fake.credentials;
      const adapter = createPanelAdapter(fake.serverConfig({ id: 13, timeoutMs: 300 }));
      const errors: Error[] = [];
      for (const fault of [
        { kind: 'reset' },
        { kind: 'status', status: 502 },
        { kind: 'late-reply', ms: 1000 },
      ] as const) {
        fake.faults.add({ ...fault, times: 1 });
        errors.push(await rejectionOf(adapter.changePackage(bob, 'pro')));
      }
      expect(errors.map((e) => e.constructor.name)).to.deep.equal([
        'PanelOutcomeUnknownError',
        'PanelOutcomeUnknownError',
        'PanelOutcomeUnknownError',
      ]);
      for (const err of errors) {
        const dump = inspect(err, { depth: 20, showHidden: true }) + JSON.stringify(err);
        expect(dump).not.to.include(secret);
        expect(dump).not.to.include(Buffer.from(`${username}:${secret}`).toString('base64'));
      }
    });

    it('never fails a call because the recorder failed; the failure is logged', async () => {
      const fake = track(await FakeCpanelServer.start({ ca }));
      const adapter = createPanelAdapter(
        fake.serverConfig({ id: 12 }),
        { record: () => Promise.reject(new Error('db down')) },
        { logger },
      );
      expect(await adapter.listPackages()).to.deep.equal(['starter', 'pro', 'business']);
      expect(warnings.map((w) => w.msg)).to.deep.equal(['panel call recorder failed; the call itself is unaffected']);
    });
  });
});
