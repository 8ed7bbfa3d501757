import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PanelCall, Upgrade } from '../../../src/db/entities/index.js';
import { emailProcessor } from '../../../workers/email.processor.js';
import { runProcessor } from '../../support/run-processor.js';
import { startFakePanels, type FakePanels } from '../../../src/panels/fakes/index.js';
import type { PipelineHarness } from '../../support/pipeline-harness.js';
import { startCpanelPipeline, type CpanelPipeline } from '../../support/cpanel-pipeline.js';
import type { SeededCatalog } from '../../support/seed-catalog.js';

describe('upgrade journey with a cPanel/WHM server (fake WHM over HTTPS, MariaDB, Redis, workers)', () => {
  let panels: FakePanels;
  let h: PipelineHarness;
  let c: SeededCatalog;
  before(async () => {
    panels = await startFakePanels();
  });
  after(async () => {
    await panels.close();
  });
  let placeAndPay: CpanelPipeline['placeAndPay'];
  beforeEach(async () => {
    ({ h, c, placeAndPay } = await startCpanelPipeline(panels));
  });
  afterEach(async () => {
    await h.close();
  });

  it('walks queued → invoiced → paid → applied → provisioned → completed, with one changepackage write', async () => {
    const writesBefore = panels.cpanel.count('changepackage');
    const upgradeId = await placeAndPay();
    const done = await h.waitForStatus(upgradeId, 'completed');
    const history = (await h.call('GET', `/v1/upgrades/${upgradeId}`)).json<{ history: Array<{ status: string }> }>()
      .history;
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
      previousPackage: 'starter',
      newPackage: 'pro',
      changed: true,
    });
    expect(panels.cpanel.count('changepackage') - writesBefore).to.equal(1);
    expect(panels.cpanel.accounts.get('bob')!.plan).to.equal('pro');
    // The panel call log holds the calls, without the API token.
    const calls = await h.db.ds.getRepository(PanelCall).findBy({ upgradeId });
    expect(calls.map((x) => x.action)).to.include('changepackage');
    const secret = panels.cpanel.credentials.secret;
    expect(calls.every((x) => !x.request.includes(secret) && !(x.response ?? '').includes(secret))).to.equal(true);
    const mails = await Promise.all((await readdir(h.outboxDir)).map((f) => readFile(join(h.outboxDir, f), 'utf8')));
    expect(mails).to.have.length(2);
  });

  it('marks provisioning_failed (billing applied) on a permanent panel error, mails staff, and completes after an ops retry', async () => {
    // The account is not on the panel yet: WHM answers "does not exist" — permanent, one attempt.
    const serviceUser = 'nosuchuser';
    await h.db.ds.query('UPDATE services SET username = ? WHERE id = ?', [serviceUser, c.serviceId]);
    const upgradeId = await placeAndPay();
    const failed = await h.waitForStatus(upgradeId, 'provisioning_failed');
    expect(failed.provisioningResult).to.deep.include({ ok: false, attempts: 1 });
    const service = (await h.call('GET', `/v1/services/${c.serviceId}`)).json();
    expect(service).to.deep.include({ productId: c.proId, recurringAmount: '25.00' }); // billing applied
    await h.drain(['email']);
    const mails = await Promise.all((await readdir(h.outboxDir)).map((f) => readFile(join(h.outboxDir, f), 'utf8')));
    expect(mails.some((m) => m.includes('To: ops@example.test'))).to.equal(true);

    // Ops fix the username and retry the failed job from the dashboard or CLI.
    await h.db.ds.query('UPDATE services SET username = ? WHERE id = ?', ['bob', c.serviceId]);
    const job = await h.producer.queue('provisioning').getJob(`provision-${upgradeId}`);
    expect(await job!.getState()).to.equal('failed');
    await job!.retry('failed', { resetAttemptsMade: true });
    await h.waitForStatus(upgradeId, 'completed');
    const history = (await h.call('GET', `/v1/upgrades/${upgradeId}`)).json<{ history: Array<{ status: string }> }>()
      .history;
    expect(history.map((s) => s.status)).to.deep.equal([
      'queued',
      'invoiced',
      'paid',
      'applied',
      'provisioning_failed',
      'provisioned',
      'completed',
    ]);
  });

  it('does not send the completion email (nor complete) while the panel change is still failing', async () => {
    panels.cpanel.faults.add({ kind: 'status', status: 503, action: 'changepackage' });
    const upgradeId = await placeAndPay();
    await h.waitForStatus(upgradeId, 'applied');
    const email = emailProcessor(h.ctx, h.notifications);
    let error: Error | null = null;
    await runProcessor(email, { upgradeId, template: 'upgrade-completed' }).catch((err: Error) => {
      error = err;
    });
    expect(error!.message).to.match(/is applied: the completion email waits for the panel change/);
    expect(error!.name).to.not.equal('UnrecoverableError'); // retried until provisioning is done
    expect((await h.db.ds.getRepository(Upgrade).findOneByOrFail({ id: upgradeId })).status).to.equal('applied');
    expect(
      await h.db.ds.query("SELECT id FROM email_log WHERE upgradeId = ? AND template = 'upgrade-completed'", [
        upgradeId,
      ]),
    ).to.deep.equal([]);
    panels.cpanel.faults.clear();
  });
});
