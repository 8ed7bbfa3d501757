import { expect } from 'chai';
import { readdir } from 'node:fs/promises';
import { Invoice } from '../../../src/db/entities/index.js';
import { OUTBOX_CLAIM_STALE_MS } from '../../../src/app/notifications/create-notification-deps.js';
import { startPipeline, type PipelineHarness } from '../../support/pipeline-harness.js';
import { seedCatalog, type SeededCatalog } from '../../support/seed-catalog.js';
import { CLAIM_RECHECK_MS } from '../../../src/mail/mail-errors.js';

/**
 * A worker killed between claiming an email and recording it sent leaves a `sending` claim behind. The email job
 * must wait for that claim to go stale without spending its attempts, then send once and complete the upgrade.
 */
describe('an email claim left by a dead sender', function () {
  this.timeout(60_000);
  let h: PipelineHarness;
  let c: SeededCatalog;
  beforeEach(async () => {
    h = await startPipeline({ queues: ['upgrade-orders', 'invoice-paid', 'email'] });
    c = await seedCatalog(h);
  });
  afterEach(async () => {
    await h.close();
  });

  it('holds the job (no attempt used) until the claim is stale, then sends once and completes the upgrade', async () => {
    const placed = await h.call('POST', `/v1/services/${c.serviceId}/upgrades`, {
      productId: c.proId,
      actor: 'client',
    });
    const { upgradeId } = placed.json<{ upgradeId: number }>();
    await h.waitForStatus(upgradeId, 'invoiced');
    // The dead sender's fresh claim on the completion email.
    await h.db.ds.query(
      `INSERT INTO email_log (\`key\`, recipient, template, upgradeId, status) VALUES (?, 'jane@example.test', 'upgrade-completed', ?, 'sending')`,
      [`email:upgrade-completed:${upgradeId}`, upgradeId],
    );
    const invoice = await h.db.ds.getRepository(Invoice).findOneByOrFail({ upgradeId });
    expect(
      (
        await h.call('POST', `/v1/invoices/${invoice.id}/payments`, {
          amount: '12.22',
          gateway: 'stripe',
          transactionId: 'tx-claim',
        })
      ).statusCode,
    ).to.equal(202);
    await h.waitForStatus(upgradeId, 'applied');

    // A recheck finds the claim still held: the job waits in `delayed` and has used no attempt.
    const jobId = `email-${upgradeId}-upgrade-completed`;
    await new Promise((r) => setTimeout(r, CLAIM_RECHECK_MS + 1_000));
    const waiting = (await h.producer.queue('email').getJob(jobId))!;
    expect(await waiting.getState()).to.equal('delayed');
    expect(waiting.attemptsMade).to.equal(0);
    expect((await h.db.ds.query(`SELECT status FROM upgrades WHERE id = ?`, [upgradeId]))[0].status).to.equal(
      'applied',
    );

    // The claim goes stale (the outbox transport allows OUTBOX_CLAIM_STALE_MS): the next recheck takes it over.
    await h.db.ds.query(
      `UPDATE email_log SET updatedAt = CURRENT_TIMESTAMP(3) - INTERVAL ? MICROSECOND WHERE \`key\` = ?`,
      [(OUTBOX_CLAIM_STALE_MS + 1_000) * 1_000, `email:upgrade-completed:${upgradeId}`],
    );
    await h.waitForStatus(upgradeId, 'completed', 3 * CLAIM_RECHECK_MS);
    const [log] = await h.db.ds.query<Array<{ status: string }>>(`SELECT status FROM email_log WHERE \`key\` = ?`, [
      `email:upgrade-completed:${upgradeId}`,
    ]);
    expect(log.status).to.equal('sent');
    expect(
      (await readdir(h.outboxDir)).filter((f) => f.startsWith(`email_upgrade-completed_${upgradeId}`)),
    ).to.have.length(1);
    expect(await h.producer.queue('email').getJobCounts('failed')).to.deep.equal({ failed: 0 });
  });
});
