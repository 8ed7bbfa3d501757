import { parseHostList, type HostPort } from '../config/host-list.js';

export type { HostPort };

/**
 * What `REDIS_URL` says, in one of three forms (DESIGN §7, "High availability on existing engines"):
 *
 * - `redis://[[user]:password@]host[:6379][/db]` or `rediss://…` (TLS): one Redis server, passed to ioredis as is;
 * - `redis+sentinel://[[user]:password@]h1[:26379],h2[:26379]/<master name>[?db=0&sentinelPassword=…&sentinelUsername=…]`:
 *   ask these Sentinels which server is the master of `<master name>` and follow it through failovers. The user and
 *   password are the Redis servers'; Sentinels that need their own credentials get them from the query;
 * - `redis+cluster://[[user]:password@]h1[:6379],h2[:6379],…`: a Redis Cluster, discovered from these seed nodes.
 *   BullMQ keys must then share a hash slot: see {@link queueKeyPrefix}.
 */
export type RedisEndpoint =
  | { kind: 'single'; url: string }
  | {
      kind: 'sentinel';
      sentinels: HostPort[];
      masterName: string;
      username?: string;
      password?: string;
      db: number;
      sentinelUsername?: string;
      sentinelPassword?: string;
    }
  | { kind: 'cluster'; nodes: HostPort[]; username?: string; password?: string };

const MULTI_HOST =
  /^(redis\+sentinel|redis\+cluster):\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?([^/?#@]+)(?:\/([^?#]*))?(?:\?([^#]*))?$/;

const fail = (msg: string): never => {
  throw new Error(msg);
};

const decode = (s: string | undefined) => (s === undefined || s === '' ? undefined : decodeURIComponent(s));

/**
 * Parses `REDIS_URL` in any of its three forms. @throws Error with a message fit to follow "REDIS_URL: "
 */
export function parseRedisUrl(raw: string): RedisEndpoint {
  const multi = MULTI_HOST.exec(raw);
  if (!multi) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return fail('expected a URL (redis:, rediss:, redis+sentinel: or redis+cluster:), got an unparsable value');
    }
    if (url.protocol === 'redis+sentinel:' || url.protocol === 'redis+cluster:') {
      return fail(
        `expected ${url.protocol}//[[user]:password@]host:port,host:port${url.protocol === 'redis+sentinel:' ? '/<master name>' : ''}, got a malformed value`,
      );
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
      return fail(`expected a redis:, rediss:, redis+sentinel: or redis+cluster: URL, got protocol '${url.protocol}'`);
    return { kind: 'single', url: raw };
  }
  const [, scheme, user, password, hostList, path = '', query = ''] = multi;
  const params = new URLSearchParams(query);
  const known = scheme === 'redis+sentinel' ? ['db', 'sentinelPassword', 'sentinelUsername'] : [];
  for (const key of params.keys())
    if (!known.includes(key))
      fail(`unknown parameter '${key}' in a ${scheme}: URL${known.length ? ` (known: ${known.join(', ')})` : ''}`);
  const credentials = {
    ...(decode(user) ? { username: decode(user) } : {}),
    ...(decode(password) ? { password: decode(password) } : {}),
  };
  if (scheme === 'redis+cluster') {
    if (path !== '') fail('a redis+cluster: URL has no path (a cluster has only database 0)');
    return { kind: 'cluster', nodes: parseHostList(hostList, 6379), ...credentials };
  }
  const masterName = decodeURIComponent(path);
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(masterName))
    fail(`a redis+sentinel: URL ends with the master's name (/mymaster), got '${masterName}'`);
  const db = params.get('db') ?? '0';
  if (!/^\d{1,2}$/.test(db)) fail(`db: expected a database number 0-99, got '${db}'`);
  return {
    kind: 'sentinel',
    sentinels: parseHostList(hostList, 26379),
    masterName,
    db: Number(db),
    ...credentials,
    ...(params.get('sentinelUsername') ? { sentinelUsername: params.get('sentinelUsername')! } : {}),
    ...(params.get('sentinelPassword') ? { sentinelPassword: params.get('sentinelPassword')! } : {}),
  };
}

/**
 * The BullMQ key prefix for `queuePrefix` on this Redis. In a Redis Cluster every key a BullMQ script touches must
 * hash to one slot, and the panel limiter's keys live under the same prefix, so the prefix becomes a hash tag:
 * `upshift` → `{upshift}` (keys `{upshift}:email:wait`, `{upshift}:panel-slots:3`). Elsewhere it is unchanged, so
 * switching an existing installation to Sentinel keeps its keys. A prefix already in braces is kept.
 */
export function queueKeyPrefix(redisUrl: string, queuePrefix: string): string {
  if (parseRedisUrl(redisUrl).kind !== 'cluster' || /^\{[^{}]+\}$/.test(queuePrefix)) return queuePrefix;
  return `{${queuePrefix}}`;
}

/** The URL with its passwords replaced by `***`, for logs and messages. */
export function redactRedisUrl(raw: string): string {
  return raw.replace(/(\/\/[^:@/]*:)[^@/]*@/, '$1***@').replace(/(sentinelPassword=)[^&#]*/, '$1***');
}
