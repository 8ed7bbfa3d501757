import { RedisClusterChild } from '../support/redis-cluster-child.js';

/**
 * Mocha `--require` of `npm run test:cluster`: starts a private three-master Redis Cluster before the specs load and
 * points `TEST_REDIS_URL` at it (`redis+cluster://…`), so the pipeline integration specs run unchanged against a
 * cluster (their queue prefix becomes a hash tag, `{t…}`); stops it after the run.
 */
const cluster = await RedisClusterChild.start(3);
process.env.TEST_REDIS_URL = cluster.url;
process.stdout.write(`Redis Cluster for this run: ${cluster.url}\n`);
process.once('exit', () => cluster.killNow());

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await cluster.close();
  },
};
