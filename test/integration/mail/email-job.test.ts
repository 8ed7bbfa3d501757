import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import { createMailTransport, type MailTransport } from '../../../src/mail/mail-transport.js';
import { MemoryEmailLogStore } from '../../../src/mail/memory-email-log-store.js';
import { emailKey, sendOnce, type SendOnceResult } from '../../../src/mail/send-once.js';
import { defaultTemplatesDir, TemplateRenderer } from '../../../src/mail/template-renderer.js';
import { SAMPLE_VARS } from '../../unit/mail/sample-vars.js';
import { BACKOFF_TYPE } from '../../../src/queues/job-options.js';
import { RETRY_POLICIES, type RetryPolicy } from '../../../src/queues/retry-policies.js';
import { backoffStrategy, failAttempt } from '../../../workers/bullmq-retry.js';
import { SmtpTestServer } from './smtp-test-server.js';

/** The email queue's policy, four attempts 20 ms apart. */
const policy: RetryPolicy = { ...RETRY_POLICIES.email, attempts: 4, baseDelayMs: 20, maxDelayMs: 20, jitter: 0 };

interface EmailJobData {
  upgradeId: number;
  to: string;
}

/**
 * An email job as the pipeline's worker runs it (ids in, render, send once, failures mapped by the production
 * `failAttempt` and backoff strategy), on real Redis and a real SMTP server: BullMQ's retry, give-up and replay are
 * the real ones.
 */
describe('email job on BullMQ: 4xx retried, 5xx given up, replay sends nothing', () => {
  const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
  const prefix = `t${randomBytes(6).toString('hex')}`;
  const queueName = 'emails';
  const renderer = new TemplateRenderer({ templatesDir: defaultTemplatesDir() });
  let server: SmtpTestServer;
  let transport: MailTransport;
  let store: MemoryEmailLogStore;
  let queue: Queue<EmailJobData, SendOnceResult>;
  let events: QueueEvents;
  let worker: Worker<EmailJobData, SendOnceResult>;

  before(async () => {
    server = await SmtpTestServer.start();
    transport = createMailTransport(server.url(), { outboxDir: 'unused' });
    store = new MemoryEmailLogStore();
    queue = new Queue(queueName, { connection, prefix });
    events = new QueueEvents(queueName, { connection, prefix });
    await events.waitUntilReady();
    worker = new Worker<EmailJobData, SendOnceResult>(
      queueName,
      async (job, token) => {
        const { upgradeId, to } = job.data;
        const rendered = await renderer.render('upgrade-completed', { ...SAMPLE_VARS['upgrade-completed'], upgradeId });
        try {
          return await sendOnce(
            emailKey('upgrade-completed', upgradeId),
            { from: 'billing@example.test', to, ...rendered },
            store,
            transport,
            {
              template: 'upgrade-completed',
              upgradeId,
            },
          );
        } catch (err) {
          throw (await failAttempt(err, job, token, policy)).error;
        }
      },
      { connection, prefix, settings: { backoffStrategy: backoffStrategy(policy) } },
    );
  });

  after(async () => {
    await worker.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await transport.close();
    await server.close();
  });

  const add = (upgradeId: number, to: string) =>
    queue.add(
      'upgrade-completed',
      { upgradeId, to },
      { jobId: `email-${upgradeId}-upgraded`, attempts: policy.attempts, backoff: { type: BACKOFF_TYPE } },
    );

  it('retries after a 451 and delivers exactly one message; a replay of the completed job sends nothing', async () => {
    server.failNext('RCPT', 451);
    const job = await add(501, 'retry@example.test');

    expect(await job.waitUntilFinished(events)).to.include({ status: 'sent' });
    const finished = (await Job.fromId<EmailJobData, SendOnceResult>(queue, job.id!))!;
    expect(finished.attemptsStarted).to.equal(2);
    expect(server.received.filter((m) => m.to[0] === 'retry@example.test')).to.have.length(1);
    expect(store.entries.get('email:upgrade-completed:501')).to.include({ status: 'sent', attempts: 2 });

    // The ops "replay" of a completed job: BullMQ runs the processor again; the email log stops the second mail.
    await finished.retry('completed');
    expect(await job.waitUntilFinished(events)).to.deep.equal({ status: 'already-sent' });
    expect(server.received.filter((m) => m.to[0] === 'retry@example.test')).to.have.length(1);
  });

  it('gives up after one attempt on a 550, although attempts allow four', async () => {
    server.failNext('RCPT', 550);
    const job = await add(502, 'unknown-user@example.test');

    let failure: unknown;
    await job.waitUntilFinished(events).catch((err) => (failure = err));
    expect(String((failure as Error).message)).to.contain('550');
    const failed = (await Job.fromId(queue, job.id!))!;
    expect(await failed.getState()).to.equal('failed');
    expect(failed.attemptsMade).to.equal(1);
    expect(server.received.filter((m) => m.to[0] === 'unknown-user@example.test')).to.have.length(0);
    expect(store.entries.get('email:upgrade-completed:502')).to.include({ status: 'failed' });
  });
});
