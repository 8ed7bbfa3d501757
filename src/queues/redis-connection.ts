import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis connection for BullMQ. Workers need `maxRetriesPerRequest: null` (they block and must wait out
 * outages); producers on an HTTP path should fail fast instead, so the caller can answer 503.
 */
export function createRedis(url: string, role: 'worker' | 'producer'): Redis {
  const opts: RedisOptions = role === 'worker'
    ? { maxRetriesPerRequest: null }
    : { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 5000 };
  return new Redis(url, opts);
}
