import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import { deliverAndRecord, type WebhookDeliveryResult } from '../../../src/webhooks/deliver-and-record.js';
import { MemoryWebhookDeliveryStore } from '../../../src/webhooks/memory-webhook-delivery-store.js';
import type { WebhookEventType } from '../../../src/webhooks/webhook-event.js';
import { BACKOFF_TYPE } from '../../../src/queues/job-options.js';
import { RETRY_POLICIES, type RetryPolicy } from '../../../src/queues/retry-policies.js';
import { backoffStrategy, failAttempt } from '../../../workers/bullmq-retry.js';
import { sampleEvent, SECRET } from './fixtures.js';
import { WebhookTestServer } from './webhook-test-server.js';

interface WebhookJobData {
  deliveryId: string;
  event: WebhookEventType;
  upgradeId: number;
  url: string;
}

/**
 * A webhook job as the pipeline's worker runs it — ids in job data, the secret from config, one recorded attempt per
 * run, failures mapped by the production `failAttempt` and backoff strategy (delays scaled down) — on real Redis and a
 * real HTTP endpoint.
 */
/** The webhooks queue's policy, five attempts, delays from 20 ms to 200 ms. */
const policy: RetryPolicy = { ...RETRY_POLICIES.webhooks, attempts: 5, baseDelayMs: 20, maxDelayMs: 200 };

describe('webhook job on BullMQ: retried with backoff, each attempt recorded, 4xx given up', () => {
  const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
  const prefix = `t${randomBytes(6).toString('hex')}`;
  const queueName = 'webhooks';
  let endpoint: WebhookTestServer;
  let store: MemoryWebhookDeliveryStore;
  let queue: Queue<WebhookJobData, WebhookDeliveryResult>;
  let events: QueueEvents;
  let worker: Worker<WebhookJobData, WebhookDeliveryResult>;
  const backoffs: number[] = [];

  before(async () => {
    endpoint = await WebhookTestServer.start(SECRET);
    store = new MemoryWebhookDeliveryStore();
    queue = new Queue(queueName, { connection, prefix });
    events = new QueueEvents(queueName, { connection, prefix });
    await events.waitUntilReady();
    worker = new Worker<WebhookJobData, WebhookDeliveryResult>(
      queueName,
      async (job, token, signal) => {
        const { url, upgradeId, event } = job.data;
        const payload = sampleEvent(url, event, upgradeId); // the pipeline rebuilds it from the database
        try {
          return await deliverAndRecord(
            { url, secret: SECRET, event, payload, deliveryId: job.data.deliveryId },
            store,
            {
              attempt: job.attemptsMade + 1,
              timeoutMs: 2_000,
              signal,
            },
          );
        } catch (err) {
          throw (await failAttempt(err, job, token, policy)).error;
        }
      },
      {
        connection,
        prefix,
        settings: {
          backoffStrategy: (attemptsMade, type, err) => {
            const delay = backoffStrategy(policy)(attemptsMade, type, err);
            backoffs.push(delay);
            return delay;
          },
        },
      },
    );
  });

  after(async () => {
    await worker.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await endpoint.close();
  });

  const add = (event: WebhookEventType, upgradeId: number) => {
    const payload = sampleEvent(endpoint.url(), event, upgradeId);
    return queue.add(
      event,
      { deliveryId: payload.id, event, upgradeId, url: endpoint.url() },
      { jobId: payload.id, attempts: policy.attempts, backoff: { type: BACKOFF_TYPE } },
    );
  };

  it('500, 503, then 200: delivered on the third attempt, all three recorded; a replay delivers nothing', async () => {
    endpoint.answerNext({ status: 500 }, { status: 503 });
    const job = await add('upgrade.completed', 601);

    expect(await job.waitUntilFinished(events)).to.include({ status: 'delivered', httpStatus: 200 });
    const attempts = store.attempts.filter((a) => a.deliveryId === job.id);
    expect(attempts.map((a) => [a.attempt, a.outcome, a.status])).to.deep.equal([
      [1, 'failed-temporary', 500],
      [2, 'failed-temporary', 503],
      [3, 'delivered', 200],
    ]);
    expect(attempts[0].error).to.match(/HTTP 500$/);
    // BullMQ asked for two delays, after attempt 1 and 2: 20 ms and 40 ms, each less up to 20 % jitter.
    expect(backoffs).to.have.length(2);
    expect(backoffs[0]).to.be.within(16, 20);
    expect(backoffs[1]).to.be.within(32, 40);
    const requests = endpoint.received.filter((r) => r.headers['upshift-delivery'] === job.id);
    expect(requests).to.have.length(3);
    expect(new Set(requests.map((r) => r.rawBody.toString())).size).to.equal(1);
    expect(requests.every((r) => r.verifiedBySrc && r.verifiedIndependently)).to.equal(true);

    const finished = (await Job.fromId<WebhookJobData, WebhookDeliveryResult>(queue, job.id!))!;
    await finished.retry('completed');
    expect(await job.waitUntilFinished(events)).to.deep.equal({ status: 'already-delivered' });
    expect(endpoint.received.filter((r) => r.headers['upshift-delivery'] === job.id)).to.have.length(3);
  });

  it('a 400 fails the job after one attempt, recorded as permanent', async () => {
    endpoint.answerNext({ status: 400 });
    const job = await add('upgrade.rejected', 602);

    let failure: unknown;
    await job.waitUntilFinished(events).catch((err) => (failure = err));
    expect(String((failure as Error).message)).to.match(/HTTP 400$/);
    const failed = (await Job.fromId(queue, job.id!))!;
    expect(await failed.getState()).to.equal('failed');
    expect(failed.attemptsMade).to.equal(1);
    expect(
      store.attempts.filter((a) => a.deliveryId === job.id).map((a) => [a.attempt, a.outcome, a.status]),
    ).to.deep.equal([[1, 'failed-permanent', 400]]);
  });
});
