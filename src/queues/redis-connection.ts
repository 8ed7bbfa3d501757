import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { parseRedisUrl } from './redis-url.js';

/** A connection BullMQ and the panel limiter accept: one server (plain or behind Sentinel) or a Redis Cluster. */
export type RedisClient = Redis | Cluster;

/**
 * Connection settings by role. Workers need `maxRetriesPerRequest: null` (they block and must wait out outages and
 * failovers); producers on an HTTP path should fail fast instead, so the caller can answer 503 and the stuck sweep
 * enqueues later.
 */
function roleOptions(role: 'worker' | 'producer'): RedisOptions {
  return role === 'worker'
    ? { maxRetriesPerRequest: null }
    : { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 5000 };
}

/**
 * After a failover the old master may come back as a replica: a client still connected to it gets `READONLY` for
 * every write. Reconnect (Sentinel then names the new master) and resend the command.
 */
const reconnectOnReadOnly = (err: Error): 2 | false => (err.message.startsWith('READONLY') ? 2 : false);

/** Reconnections a producer's command waits through behind Sentinel (250 ms apart: about 15 s). */
export const SENTINEL_PRODUCER_RETRIES = 60;

/** Sentinel rounds never give up (ioredis' default would leave a worker disconnected for good): 0.2 s, 0.4 s … at most 5 s apart. */
const sentinelRetry = (times: number): number => Math.min(times * 200, 5000);

/**
 * The one place Upshift opens Redis: BullMQ queues and workers, the panel limiter, the dashboard and the queue-depth
 * metrics all use connections made here (through `Runtime`). `url` is `REDIS_URL` in any of its forms
 * (see {@link parseRedisUrl}): `redis://`/`rediss://` (one server), `redis+sentinel://` (follows failovers: on a
 * lost connection, or a READONLY reply from a demoted master, ioredis asks the Sentinels for the current master) or `redis+cluster://` (a Cluster client; queue keys need a hash-tagged prefix, see
 * `queueKeyPrefix`).
 */
export function createRedis(url: string, role: 'worker' | 'producer'): RedisClient {
  const endpoint = parseRedisUrl(url);
  const opts = roleOptions(role);
  switch (endpoint.kind) {
    case 'single':
      return new Redis(url, opts);
    case 'sentinel':
      return new Redis({
        ...opts,
        // Behind Sentinel an outage is a failover: seconds until a replica is promoted. A producer rides it out
        // (reconnecting every 250 ms, a command waits up to about 15 s) instead of failing at once and leaving the
        // job of a committed order to the stuck sweep 3 minutes later. Workers wait in any case.
        ...(role === 'producer' ? { maxRetriesPerRequest: SENTINEL_PRODUCER_RETRIES, retryStrategy: () => 250 } : {}),
        sentinels: endpoint.sentinels,
        name: endpoint.masterName,
        role: 'master',
        db: endpoint.db,
        username: endpoint.username,
        password: endpoint.password,
        sentinelUsername: endpoint.sentinelUsername,
        sentinelPassword: endpoint.sentinelPassword,
        sentinelRetryStrategy: sentinelRetry,
        // Not `failoverDetector`: its reconnect on +switch-master races a reconnect already under way, and ioredis then
        // ends the connection for good ("Connection is closed", status end): seen in the Sentinel chaos scenario.
        // A lost connection (the master died) or a READONLY reply (it was demoted) is enough to find the new master.
        reconnectOnError: reconnectOnReadOnly,
      });
    case 'cluster': {
      const clusterOpts: ClusterOptions = {
        redisOptions: {
          ...opts,
          username: endpoint.username,
          password: endpoint.password,
          reconnectOnError: reconnectOnReadOnly,
        },
        clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
        enableOfflineQueue: true,
        // A replica promoted after its master died answers MOVED/CLUSTERDOWN for a moment: retry instead of failing.
        retryDelayOnFailover: 200,
        retryDelayOnClusterDown: 200,
        retryDelayOnTryAgain: 200,
      };
      return new Cluster(endpoint.nodes, clusterOpts);
    }
  }
}

/** Every master of a Cluster, or the one server: where a `SCAN` must run to see all keys. */
export function scanTargets(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}

/** Deletes every key under `<prefix>:` (test and demo clean-up), on every master of a Cluster. */
export async function deleteKeysUnder(client: RedisClient, prefix: string): Promise<number> {
  let deleted = 0;
  for (const node of scanTargets(client)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      // One key at a time in a Cluster: keys of one SCAN page may sit in different slots.
      if (keys.length > 0)
        deleted +=
          client instanceof Cluster
            ? (await Promise.all(keys.map((k) => client.unlink(k)))).reduce((a, b) => a + b, 0)
            : await node.unlink(...keys);
    } while (cursor !== '0');
  }
  return deleted;
}
