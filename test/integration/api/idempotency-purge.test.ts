import { expect } from 'chai';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { purgeIdempotencyKeys } from '../../../src/app/scheduler/purge-idempotency-keys.js';
import { Client, IdempotencyKey } from '../../../src/db/entities/index.js';
import { createNotificationDeps } from '../../../src/app/notifications/create-notification-deps.js';
import { createRedis } from '../../../src/queues/redis-connection.js';
import { schedulerProcessor } from '../../../workers/scheduler.processor.js';
import { startWorkers } from '../../../workers/start-workers.js';
import { TEST_REDIS_URL } from '../../support/pipeline-harness.js';
import { runProcessor } from '../../support/run-processor.js';
import { startApiHarness, type ApiHarness } from './api-harness.js';

const client = (email: string) => ({ email, name: 'Ada', currency: 'USD' });

/**
 * Idempotency keys are kept `IDEMPOTENCY_RETENTION_HOURS` (72 by default) and then purged by the scheduler in small
 * batches; a replay after the purge runs as a new request.
 */
describe('Idempotency-Key retention: the purge-idempotency-keys sweep (MariaDB)', () => {
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness();
  });
  after(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await h.db.ds.getRepository(IdempotencyKey).clear();
  });

  /** Makes the key's row look `hours` old, in database time (what the purge measures). */
  const age = (key: string, hours: number) =>
    h.db.ds.query('UPDATE idempotency_keys SET createdAt = CURRENT_TIMESTAMP(3) - INTERVAL ? HOUR WHERE `key` = ?', [
      hours,
      key,
    ]);

  it('deletes keys older than the retention (72 h by default), keeps fresh ones; a replay of a purged key is a new request', async () => {
    expect(h.ctx.config.idempotencyRetentionHours).to.equal(72);
    const old = await h.call('POST', '/v1/clients', client('old@example.test'), { 'idempotency-key': 'order-old' });
    const fresh = await h.call('POST', '/v1/clients', client('fresh@example.test'), {
      'idempotency-key': 'order-fresh',
    });
    const edge = await h.call('POST', '/v1/clients', client('edge@example.test'), { 'idempotency-key': 'order-edge' });
    expect([old.statusCode, fresh.statusCode, edge.statusCode]).to.deep.equal([201, 201, 201]);
    await age('order-old', 73);
    await age('order-edge', 71); // inside the retention: kept

    expect(await purgeIdempotencyKeys(h.ctx)).to.equal(1);
    const left = await h.db.ds.getRepository(IdempotencyKey).find({ order: { key: 'ASC' } });
    expect(left.map((k) => k.key)).to.deep.equal(['order-edge', 'order-fresh']);

    // A fresh key still replays the stored response.
    const replay = await h.call('POST', '/v1/clients', client('fresh@example.test'), {
      'idempotency-key': 'order-fresh',
    });
    expect(replay.headers['idempotent-replayed']).to.equal('true');
    expect(replay.body).to.equal(fresh.body);
    // The purged key: the same request runs again (a new client), and is not a 409 even with another body.
    const again = await h.call('POST', '/v1/clients', client('old@example.test'), { 'idempotency-key': 'order-old' });
    expect(again.statusCode).to.equal(201);
    expect(again.headers['idempotent-replayed']).to.equal(undefined);
    expect(again.json<{ id: number }>().id).to.not.equal(old.json<{ id: number }>().id);
    expect(await h.db.ds.getRepository(Client).countBy({ email: 'old@example.test' })).to.equal(2);
  });

  it('deletes in batches of batchSize, at most maxBatches per run; the next run takes the rest', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      scope: 'bulk:POST /v1/clients',
      key: `bulk-${i}`,
      requestHash: '0'.repeat(64),
      responseStatus: 201,
      responseBody: '{}',
    }));
    for (let i = 0; i < rows.length; i += 500)
      await h.db.ds.getRepository(IdempotencyKey).insert(rows.slice(i, i + 500));
    await h.db.ds.query(
      "UPDATE idempotency_keys SET createdAt = CURRENT_TIMESTAMP(3) - INTERVAL 100 HOUR WHERE `key` LIKE 'bulk-%'",
    );
    await h.call('POST', '/v1/clients', client('keep@example.test'), { 'idempotency-key': 'keep-me' });

    const statements: string[] = [];
    const query = h.db.ds.query.bind(h.db.ds);
    h.db.ds.query = (async (sql: string, params?: unknown[]) => {
      statements.push(sql);
      return query(sql, params);
    }) as typeof h.db.ds.query;
    try {
      expect(await purgeIdempotencyKeys(h.ctx, { batchSize: 1000, maxBatches: 2 })).to.equal(2000);
      expect(statements).to.have.length(2);
      expect(statements[0]).to.match(/^DELETE FROM idempotency_keys .* LIMIT \?$/);
      expect(await purgeIdempotencyKeys(h.ctx, { batchSize: 1000, maxBatches: 2 })).to.equal(500);
    } finally {
      h.db.ds.query = query;
    }
    expect((await h.db.ds.getRepository(IdempotencyKey).find()).map((k) => k.key)).to.deep.equal(['keep-me']);
  });

  it('follows IDEMPOTENCY_RETENTION_HOURS, and runs as the scheduler job purge-idempotency-keys', async () => {
    await h.call('POST', '/v1/clients', client('two@example.test'), { 'idempotency-key': 'two-hours' });
    await age('two-hours', 2);
    const ctx = { ...h.ctx, config: { ...h.ctx.config, idempotencyRetentionHours: 1 } };
    const noQueues = {
      queue: () => {
        throw new Error('the purge sweep reads no queue');
      },
    };
    expect(await runProcessor(schedulerProcessor(ctx, noQueues), { sweep: 'purge-idempotency-keys' })).to.deep.equal({
      deleted: 1,
    });
    expect(await h.db.ds.getRepository(IdempotencyKey).count()).to.equal(0);
  });

  it('startWorkers schedules the sweep with the others', async () => {
    const prefix = `t${randomBytes(4).toString('hex')}`;
    const connection = createRedis(TEST_REDIS_URL, 'worker');
    const notifications = createNotificationDeps(h.db.ds, h.ctx.config);
    const pool = await startWorkers(
      { ...h.ctx, config: { ...h.ctx.config, queuePrefix: prefix } },
      {
        connection,
        notifications,
        provisioning: { limiter: null as never },
        prefix,
        queues: ['scheduler'],
      },
    );
    const queue = new Queue('scheduler', { connection, prefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => s.key).sort()).to.deep.equal([
        'sweep-due-downgrades',
        'sweep-expire-orders',
        'sweep-purge-idempotency-keys',
        'sweep-retention',
        'sweep-stuck',
      ]);
      expect(schedulers.find((s) => s.key === 'sweep-retention')?.every).to.equal(600_000); // the retention sweep, every 10 minutes
    } finally {
      await pool.close(5_000);
      await queue.obliterate({ force: true });
      await queue.close();
      await notifications.transport.close();
      connection.disconnect();
    }
  });
});
