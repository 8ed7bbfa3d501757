import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the integration tests use. */
export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A connection usable by BullMQ workers too (`maxRetriesPerRequest: null`). */
export function testRedis(): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null });
}

/** A key prefix no other test run shares. */
export function uniquePrefix(): string {
  return `t${randomBytes(6).toString('hex')}`;
}

/** Deletes every key under `prefix:` (queues are obliterated first; this catches the limiter's keys). */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
