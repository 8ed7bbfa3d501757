import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Cluster } from 'ioredis';
import { ServerLimiter } from '../../../src/panels/server-limiter.js';
import { JobProducer } from '../../../src/queues/job-producer.js';
import { createRedis, deleteKeysUnder, scanTargets, type RedisClient } from '../../../src/queues/redis-connection.js';
import { parseRedisUrl, queueKeyPrefix } from '../../../src/queues/redis-url.js';
import { RedisClusterChild } from '../../support/redis-cluster-child.js';

/**
 * Issue 16 point 2: Upshift on a Redis Cluster. A private three-master cluster (or the one `npm run test:cluster`
 * started): BullMQ with the hash-tagged prefix, the panel limiter's scripts, the job producer and key clean-up.
 */
describe('Redis Cluster: BullMQ and the panel limiter with a hash-tagged prefix (three masters on loopback)', function () {
  this.timeout(60_000);
  let own: RedisClusterChild | null = null;
  let url: string;
  let producer: RedisClient;
  let worker: RedisClient;
  const raw = `hc${randomBytes(4).toString('hex')}`;
  let prefix: string;

  before(async () => {
    const given = process.env.TEST_REDIS_URL;
    if (given && parseRedisUrl(given).kind === 'cluster') url = given;
    else {
      own = await RedisClusterChild.start(3);
      url = own.url;
    }
    prefix = queueKeyPrefix(url, raw);
    producer = createRedis(url, 'producer');
    worker = createRedis(url, 'worker');
  });
  after(async () => {
    if (producer) await deleteKeysUnder(producer, prefix);
    producer?.disconnect();
    worker?.disconnect();
    await own?.close();
  });

  it('makes Cluster clients from redis+cluster:// and a {prefix} for BullMQ', () => {
    expect(producer).to.be.instanceOf(Cluster);
    expect(prefix).to.equal(`{${raw}}`);
  });

  it('runs BullMQ jobs (deterministic ids, retries, completion) with every key of a queue in one slot', async () => {
    const queue = new Queue('email', { connection: producer, prefix });
    const events = new QueueEvents('email', { connection: worker, prefix });
    let tries = 0;
    const w = new Worker(
      'email',
      async (job) => {
        tries += 1;
        if (tries === 1) throw new Error('first try fails');
        return { got: job.data.upgradeId };
      },
      { connection: worker, prefix, concurrency: 2 },
    );
    try {
      await events.waitUntilReady();
      const job = await queue.add(
        'email',
        { upgradeId: 7 },
        { jobId: 'email-7-upgrade-completed', attempts: 3, backoff: { type: 'fixed', delay: 50 } },
      );
      await queue.add('email', { upgradeId: 7 }, { jobId: 'email-7-upgrade-completed' }); // a duplicate: ignored
      expect(await job.waitUntilFinished(events, 20_000)).to.deep.equal({ got: 7 });
      expect(tries).to.equal(2);
      expect(await queue.getJobCounts('completed', 'waiting')).to.deep.equal({ completed: 1, waiting: 0 });
      const keys: string[] = [];
      for (const node of scanTargets(producer)) keys.push(...(await node.keys(`${prefix}:email:*`)));
      expect(keys.length).to.be.greaterThan(3);
      const slots = new Set(await Promise.all(keys.map((k) => (producer as Cluster).cluster('KEYSLOT', k))));
      expect([...slots]).to.have.length(1);
    } finally {
      await w.close();
      await events.close();
      await queue.close();
    }
  });

  it('the plain prefix would not work: BullMQ scripts span keys of several slots (CROSSSLOT)', async () => {
    const queue = new Queue('email', { connection: producer, prefix: raw });
    try {
      const err = await queue.add('email', { upgradeId: 1 }, { jobId: 'email-1-x' }).then(
        () => null,
        (e: Error) => e,
      );
      expect(err?.message).to.match(/CROSSSLOT/);
    } finally {
      await queue.close();
    }
  });

  it("the panel limiter shares a server's slots between two clients (two processes), its scripts on one key each", async () => {
    const other = createRedis(url, 'producer');
    try {
      const a = new ServerLimiter(producer, { prefix });
      const b = new ServerLimiter(other, { prefix });
      const t1 = await a.tryAcquire(3, 2);
      const t2 = await b.tryAcquire(3, 2);
      expect(t1).to.be.a('string');
      expect(t2).to.be.a('string');
      expect(await a.tryAcquire(3, 2)).to.equal(null);
      expect(await b.extend(3, t2!)).to.equal(true);
      expect(await a.inUse(3)).to.equal(2);
      await a.release(3, t1!);
      expect(await b.tryAcquire(3, 2)).to.be.a('string');
      expect(await (producer as Cluster).cluster('KEYSLOT', `${prefix}:panel-slots:3`)).to.equal(
        await (producer as Cluster).cluster('KEYSLOT', `${prefix}:email:wait`),
      );
    } finally {
      other.disconnect();
    }
  });

  it("the job producer enqueues every queue's jobs, and clean-up finds keys on every master", async () => {
    const jobs = new JobProducer(producer, { prefix });
    try {
      await jobs.enqueue('upgrade-orders', { upgradeId: 11 });
      await jobs.enqueue('invoice-paid', { invoiceId: 12 });
      await jobs.enqueue('provisioning', { upgradeId: 11 });
      expect(await jobs.queue('upgrade-orders').getJobState('order-11')).to.equal('waiting');
      expect(await jobs.queue('invoice-paid').getJobState('paid-12')).to.equal('waiting');
    } finally {
      await jobs.close();
    }
    expect(await deleteKeysUnder(producer, prefix)).to.be.greaterThan(0);
    let left = 0;
    for (const node of scanTargets(producer)) left += (await node.keys(`${prefix}:*`)).length;
    expect(left).to.equal(0);
  });
});
