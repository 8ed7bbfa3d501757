import { expect } from 'chai';
import { createPanelAdapter } from '../../../src/panels/create-panel-adapter.js';
import { createFakeCa, type FakeCa } from '../../../src/panels/fakes/fake-ca.js';
import {
  FakeDirectAdminServer,
  type FakeDirectAdminOptions,
} from '../../../src/panels/fakes/fake-directadmin-server.js';
import type { PanelServerConfig } from '../../../src/panels/panel-server-config.js';
import { InProcessPanelWorker } from './support/in-process-panel-worker.js';

let nextServerId = 4000;

describe('DirectAdmin as it really answers: errors in 4xx/5xx bodies, blacklist, licence, resellers (fake DA over HTTPS, BullMQ worker)', function () {
  this.timeout(30_000);
  let ca: FakeCa;
  let worker: InProcessPanelWorker;
  let fake: FakeDirectAdminServer;

  before(async () => {
    ca = await createFakeCa();
  });
  beforeEach(async () => {
    worker = await new InProcessPanelWorker().ready();
  });
  afterEach(async () => {
    expect(JSON.stringify(worker.recorder.entries)).not.to.include(fake.credentials.secret);
    await worker.close();
    await fake.close();
  });

  async function serve(
    options: FakeDirectAdminOptions = {},
    overrides: Partial<PanelServerConfig> = {},
  ): Promise<number> {
    fake = await FakeDirectAdminServer.start({ ca, ...options });
    const config = fake.serverConfig({ id: nextServerId++, ...overrides });
    worker.addServer(config);
    return config.id;
  }

  describe('errors with a non-2xx status are read from their body (json=yes)', () => {
    it('"User … does not exist" with HTTP 500 and {"error","result"}: permanent not-found, one attempt, one request', async () => {
      const id = await serve();
      const outcome = await worker.run(id, 'nosuch', 'gold');
      expect(outcome).to.deep.include({ state: 'failed', attemptsMade: 1 });
      expect(outcome.failedReason).to.equal(
        `PanelNotFoundError: directadmin server ${id} CMD_API_SHOW_USER_CONFIG: Unable to show user: User nosuch does not exist`,
      );
      expect(worker.recorder.entries.map((e) => [e.action, e.httpStatus])).to.deep.equal([
        ['CMD_API_SHOW_USER_CONFIG', 500],
      ]);
    });

    it('a MODIFY_USER refused with HTTP 500 and a body is that error, not an unknown outcome', async () => {
      const id = await serve();
      fake.faults.add({
        kind: 'reply',
        status: 500,
        contentType: 'application/json',
        body: '{"error":"Cannot Modify User","result":"User bob does not exist"}',
        action: 'CMD_API_MODIFY_USER',
      });
      const outcome = await worker.run(id, 'bob', 'gold');
      expect(outcome).to.deep.include({ state: 'failed', attemptsMade: 1 });
      expect(outcome.failedReason).to.match(
        /^PanelNotFoundError: .*CMD_API_MODIFY_USER: Cannot Modify User: User bob does not exist$/,
      );
      expect(worker.recorder.entries.find((e) => e.action === 'CMD_API_MODIFY_USER')).to.include({
        outcome: 'error',
        httpStatus: 500,
      });
    });

    it('HTTP 403 "You cannot execute that command" (a login key without the command) is a permission error that keeps the text', async () => {
      const id = await serve({
        logins: {
          admin: { password: 'LOGIN-KEY-READ-ONLY-1', commands: ['CMD_API_SHOW_USER_CONFIG', 'CMD_API_PACKAGES_USER'] },
        },
      });
      const outcome = await worker.run(id, 'bob', 'gold');
      expect(outcome).to.deep.include({ state: 'failed', attemptsMade: 1 });
      expect(outcome.failedReason).to.match(
        /^PanelPermissionError: .*CMD_API_MODIFY_USER: You cannot execute that command: CMD_API_MODIFY_USER is not allowed for this login key$/,
      );
      expect(fake.requests.filter((r) => r.applied)).to.have.length(0);
    });
  });

  describe('answers that are never a successful write', () => {
    it('a blacklisted IP stops at once (every retry would extend the ban) and says so', async () => {
      const wrongId = await serve({ blacklistAfter: 1 }, { secret: 'wrong-password-0001' });
      expect((await worker.run(wrongId, 'bob', 'gold')).failedReason).to.match(
        /^PanelAuthError: .*refused the credentials \(X-DirectAdmin: Unauthorized\)/,
      );
      const id = nextServerId++;
      worker.addServer(fake.serverConfig({ id })); // the right password, too late
      const outcome = await worker.run(id, 'bob', 'gold');
      expect(outcome).to.deep.include({ state: 'failed', attemptsMade: 1 });
      expect(outcome.failedReason).to.match(
        /^PanelBlacklistedError: .*blacklisted this client's IP address.*every further request counts as a failed login and extends the ban/,
      );
      expect(fake.failedLoginsFrom(), 'one request per job, no retries').to.equal(2);
      expect(fake.writeRequests).to.equal(0);
    });

    it('"License check failure" is permanent (ops must fix the licence), not a reply to parse again', async () => {
      const id = await serve();
      fake.licenceValid = false;
      const outcome = await worker.run(id, 'bob', 'gold');
      expect(outcome).to.deep.include({ state: 'failed', attemptsMade: 1 });
      expect(outcome.failedReason).to.match(/^PanelRejectedError: .*licence check failed \("License check failure"\)/);
    });

    it('X-DirectAdmin: Unauthorized is a refused login whatever the body', async () => {
      const id = await serve();
      fake.faults.add({ kind: 'reply', status: 200, headers: { 'X-DirectAdmin': 'Unauthorized' }, body: '' });
      const outcome = await worker.run(id, 'bob', 'gold');
      expect(outcome).to.deep.include({ state: 'failed', attemptsMade: 1 });
      expect(outcome.failedReason).to.match(/^PanelAuthError: .*X-DirectAdmin: Unauthorized/);
    });

    it('an empty HTTP 200 to MODIFY_USER is an unknown outcome: the next attempt reads it back and does not write again', async () => {
      const id = await serve();
      fake.faults.add({ kind: 'reply', status: 200, body: '', apply: true, action: 'CMD_API_MODIFY_USER', times: 1 });
      const outcome = await worker.run(id, 'bob', 'gold');
      expect(outcome).to.deep.include({
        state: 'completed',
        attemptsMade: 2,
        returnvalue: { previousPackage: 'gold', changed: false, package: 'gold' },
      });
      expect(fake.writeRequests).to.equal(1);
      expect(worker.recorder.entries.find((e) => e.action === 'CMD_API_MODIFY_USER')).to.include({
        outcome: 'unknown',
      });
    });
  });

  describe('resellers', () => {
    const seed: FakeDirectAdminOptions = {
      logins: { admin: { password: 'ADMIN-PASSWORD-0001' } },
      packages: ['basic', 'gold'],
      resellerUserPackages: { res1: ['r-basic', 'r-gold'] },
      resellerPackages: ['reseller-small', 'reseller-big'],
      users: {
        res1: { package: 'reseller-small', usertype: 'reseller' },
        carol: { package: 'r-basic', creator: 'res1' },
      },
    };

    it("honours a server login of admin|res1: it acts as res1 and sees res1's packages only", async () => {
      const id = await serve(seed, { username: 'admin|res1' });
      const adapter = createPanelAdapter(fake.serverConfig({ id, username: 'admin|res1' }));
      expect(await adapter.listPackages()).to.deep.equal(['r-basic', 'r-gold']);
      const outcome = await worker.run(id, 'carol', 'r-gold');
      expect(outcome).to.deep.include({
        state: 'completed',
        attemptsMade: 1,
        returnvalue: { previousPackage: 'r-basic', changed: true, package: 'r-gold' },
      });
      expect(fake.requests.map((r) => r.actingAs)).to.deep.equal(['res1', 'res1', 'res1', 'res1', 'res1']);
    });

    it("with an admin login, lists and changes a reseller's user as that reseller (admin|<creator>)", async () => {
      const id = await serve(seed);
      const outcome = await worker.run(id, 'carol', 'r-gold');
      expect(outcome).to.deep.include({
        state: 'completed',
        attemptsMade: 1,
        returnvalue: { previousPackage: 'r-basic', changed: true, package: 'r-gold' },
      });
      expect(fake.requests.map((r) => [r.action, r.actingAs])).to.deep.equal([
        ['CMD_API_SHOW_USER_CONFIG', 'admin'],
        ['CMD_API_PACKAGES_USER', 'res1'],
        ['CMD_API_MODIFY_USER', 'res1'],
        ['CMD_API_SHOW_USER_CONFIG', 'admin'],
      ]);
      expect(fake.users.get('carol')!.package).to.equal('r-gold');
      // The admin's own packages are not res1's: asking for one is a clear permanent error.
      const wrong = await worker.run(id, 'carol', 'gold');
      expect(wrong).to.deep.include({ state: 'failed', attemptsMade: 1 });
      expect(wrong.failedReason).to.match(
        /^PanelNotFoundError: package gold does not exist among the packages of res1, which owns carol \(r-basic, r-gold\)/,
      );
    });

    it('changes a reseller account (usertype=reseller) with CMD_API_MODIFY_RESELLER and the reseller packages', async () => {
      const id = await serve(seed);
      const outcome = await worker.run(id, 'res1', 'reseller-big');
      expect(outcome).to.deep.include({
        state: 'completed',
        attemptsMade: 1,
        returnvalue: { previousPackage: 'reseller-small', changed: true, package: 'reseller-big' },
      });
      expect(fake.requests.map((r) => [r.action, r.actingAs])).to.deep.equal([
        ['CMD_API_SHOW_USER_CONFIG', 'admin'],
        ['CMD_API_PACKAGES_RESELLER', 'admin'],
        ['CMD_API_MODIFY_RESELLER', 'admin'],
        ['CMD_API_SHOW_USER_CONFIG', 'admin'],
      ]);
      expect(fake.users.get('res1')!.package).to.equal('reseller-big');
    });
  });
});
