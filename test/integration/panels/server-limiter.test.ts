import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { PanelServerBusyError } from '../../../src/panels/panel-errors.js';
import { withServerSlot } from '../../../src/panels/provision-with-limit.js';
import { ServerLimiter } from '../../../src/panels/server-limiter.js';
import { deleteKeysUnder, testRedis, uniquePrefix } from './support/redis-test-env.js';

describe('ServerLimiter (per-server slots in Redis)', function () {
  this.timeout(20_000);
  let redisA: Redis;
  let redisB: Redis;
  let prefix: string;

  beforeEach(() => {
    redisA = testRedis();
    redisB = testRedis();
    prefix = uniquePrefix();
  });
  afterEach(async () => {
    await deleteKeysUnder(redisA, prefix);
    await Promise.all([redisA.quit(), redisB.quit()]);
  });

  it('grants exactly max slots to concurrent callers on separate connections, per server', async () => {
    const a = new ServerLimiter(redisA, { prefix });
    const b = new ServerLimiter(redisB, { prefix });
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).tryAcquire(1, 3)));
    expect(tokens.filter((t) => t !== null)).to.have.length(3);
    expect(await a.inUse(1)).to.equal(3);
    expect(await b.tryAcquire(2, 1)).to.be.a('string');
    expect(await b.tryAcquire(2, 1)).to.equal(null);
    await a.release(
      1,
      tokens.find((t) => t !== null)!,
    );
    expect(await b.inUse(1)).to.equal(2);
    expect(await b.tryAcquire(1, 3)).to.be.a('string');
  });

  it("frees a crashed holder's slot when its lease expires", async () => {
    const limiter = new ServerLimiter(redisA, { prefix, leaseMs: 200 });
    expect(await limiter.tryAcquire(1, 1)).to.be.a('string');
    expect(await limiter.tryAcquire(1, 1)).to.equal(null);
    let token: string | null = null;
    for (let i = 0; i < 100 && token === null; i++) {
      await new Promise((r) => setTimeout(r, 50));
      token = await limiter.tryAcquire(1, 1);
    }
    expect(token).to.be.a('string');
  });

  it('extends a live lease and reports a released one as lost', async () => {
    const limiter = new ServerLimiter(redisA, { prefix, leaseMs: 10_000 });
    const token = (await limiter.tryAcquire(5, 2))!;
    const key = `${prefix}:panel-slots:5`;
    const before = Number(await redisA.zscore(key, token));
    await new Promise((r) => setTimeout(r, 20));
    expect(await limiter.extend(5, token)).to.equal(true);
    expect(Number(await redisA.zscore(key, token))).to.be.greaterThan(before);
    await limiter.release(5, token);
    expect(await limiter.extend(5, token)).to.equal(false);
    expect(await redisA.zscore(key, token)).to.equal(null);
  });

  it('withServerSlot: busy at once when full, and releases the slot after success or failure', async () => {
    const limiter = new ServerLimiter(redisA, { prefix });
    const server = { id: 9, maxConcurrency: 1 };
    let inside = 0;
    const held = withServerSlot(limiter, server, async () => {
      inside = await limiter.inUse(9);
      const err = await withServerSlot(limiter, server, async () => 'never', { busyDelayMs: 1000 }).catch(
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(PanelServerBusyError);
      const { retryAfterMs } = err as PanelServerBusyError;
      expect(retryAfterMs).to.be.within(500, 1000);
      return 'done';
    });
    expect(await held).to.equal('done');
    expect(inside).to.equal(1);
    expect(await limiter.inUse(9)).to.equal(0);
    await withServerSlot(limiter, server, async () => {
      throw new Error('panel blew up');
    }).catch(() => undefined);
    expect(await limiter.inUse(9)).to.equal(0);
  });

  it('rejects bad arguments, naming them', async () => {
    expect(() => new ServerLimiter(redisA, { prefix: '' })).to.throw(/prefix/);
    expect(() => new ServerLimiter(redisA, { prefix, leaseMs: 5 })).to.throw(/leaseMs/);
    const err = await new ServerLimiter(redisA, { prefix }).tryAcquire(1, 0).catch((e: unknown) => e);
    expect(err)
      .to.be.instanceOf(RangeError)
      .with.property('message')
      .that.matches(/maxConcurrency/);
  });
});
