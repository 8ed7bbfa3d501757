import { expect } from 'chai';
import { Invoice } from '../../../src/db/entities/index.js';
import { invoicePaidProcessor } from '../../../workers/invoice-paid.processor.js';
import { upgradeOrdersProcessor } from '../../../workers/upgrade-orders.processor.js';
import { startPipeline, type PipelineHarness } from '../../support/pipeline-harness.js';
import { runProcessor } from '../../support/run-processor.js';
import { seedCatalog, type SeededCatalog } from '../../support/seed-catalog.js';

/**
 * The invoicing step commits the invoice, then enqueues the invoice email. If it dies in between (a killed
 * connection in the MariaDB chaos run) and the client pays before the step's retry, the retry must still enqueue
 * the email: the upgrade is already past `invoiced`, where re-runs used to enqueue nothing but the next step.
 */
describe('an invoice email lost between commit and enqueue', () => {
  let h: PipelineHarness;
  let c: SeededCatalog;
  beforeEach(async () => {
    h = await startPipeline({ queues: [] });
    c = await seedCatalog(h);
  });
  afterEach(async () => {
    await h.close();
  });

  const emailJobIds = async () =>
    (await h.producer.queue('email').getJobs(['waiting', 'delayed'])).map((j) => j.id).sort();

  it('is enqueued by the retry of the invoicing step even when the invoice was paid meanwhile', async () => {
    const placed = await h.call('POST', `/v1/services/${c.serviceId}/upgrades`, {
      productId: c.proId,
      actor: 'client',
    });
    const { upgradeId } = placed.json<{ upgradeId: number }>();
    const enqueue = h.producer.enqueue.bind(h.producer);
    h.producer.enqueue = async () => {
      throw new Error('connection lost after the commit');
    };
    const failed = await runProcessor(upgradeOrdersProcessor(h.ctx), { upgradeId }).then(
      () => null,
      (err: Error) => err,
    );
    h.producer.enqueue = enqueue;
    expect(failed?.message).to.equal('connection lost after the commit');
    expect(await emailJobIds()).to.deep.equal([]);

    const invoice = await h.db.ds.getRepository(Invoice).findOneByOrFail({ upgradeId });
    expect(
      (
        await h.call('POST', `/v1/invoices/${invoice.id}/payments`, {
          amount: '12.22',
          gateway: 'stripe',
          transactionId: 'tx-quick',
        })
      ).statusCode,
    ).to.equal(202);
    await runProcessor(invoicePaidProcessor(h.ctx), { invoiceId: invoice.id });
    expect(await emailJobIds()).to.deep.equal([`email-${upgradeId}-upgrade-completed`]);

    await runProcessor(upgradeOrdersProcessor(h.ctx), { upgradeId }); // BullMQ's retry of the failed job
    expect(await emailJobIds()).to.deep.equal([
      `email-${upgradeId}-upgrade-completed`,
      `email-${upgradeId}-upgrade-invoice-issued`,
    ]);
  });

  it('is not enqueued for a cancelled order', async () => {
    const placed = await h.call('POST', `/v1/services/${c.serviceId}/upgrades`, {
      productId: c.proId,
      actor: 'client',
    });
    const { upgradeId } = placed.json<{ upgradeId: number }>();
    const enqueue = h.producer.enqueue.bind(h.producer);
    h.producer.enqueue = async () => {
      throw new Error('connection lost after the commit');
    };
    await runProcessor(upgradeOrdersProcessor(h.ctx), { upgradeId }).catch(() => undefined);
    h.producer.enqueue = enqueue;
    expect((await h.call('POST', `/v1/upgrades/${upgradeId}/cancel`, {})).statusCode).to.equal(200);
    await runProcessor(upgradeOrdersProcessor(h.ctx), { upgradeId });
    expect(await emailJobIds()).to.deep.equal([]);
  });
});
