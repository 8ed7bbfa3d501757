import { expect } from 'chai';
import { ConfigError } from '../../../src/config/config-error.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { parseDatabaseUrl } from '../../../src/db/database-url.js';
import { isRetryableDbError } from '../../../src/db/retryable-db-error.js';
import { parseRedisUrl, queueKeyPrefix, redactRedisUrl } from '../../../src/queues/redis-url.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('high-availability URLs (REDIS_URL, DATABASE_URL) and retryable database errors', () => {
  it('parses the Sentinel form: sentinels (default port 26379), master name, password, db and Sentinel credentials', () => {
    expect(parseRedisUrl('redis+sentinel://:s3cret@h1:26379,h2/mymaster')).to.deep.equal({
      kind: 'sentinel',
      sentinels: [
        { host: 'h1', port: 26379 },
        { host: 'h2', port: 26379 },
      ],
      masterName: 'mymaster',
      password: 's3cret',
      db: 0,
    });
    expect(
      parseRedisUrl('redis+sentinel://app:p%40ss@10.0.0.1:26380,[::1]:26381/cache.main?db=2&sentinelPassword=sp'),
    ).to.deep.include({
      username: 'app',
      password: 'p@ss',
      db: 2,
      masterName: 'cache.main',
      sentinelPassword: 'sp',
      sentinels: [
        { host: '10.0.0.1', port: 26380 },
        { host: '::1', port: 26381 },
      ],
    });
  });

  it('parses the Cluster form (default port 6379) and plain redis:// / rediss:// URLs', () => {
    expect(parseRedisUrl('redis+cluster://h1:7000,h2:7001,h3')).to.deep.equal({
      kind: 'cluster',
      nodes: [
        { host: 'h1', port: 7000 },
        { host: 'h2', port: 7001 },
        { host: 'h3', port: 6379 },
      ],
    });
    expect(parseRedisUrl('redis+cluster://:pw@h1:7000')).to.deep.include({ password: 'pw' });
    expect(parseRedisUrl('redis://127.0.0.1:6379')).to.deep.equal({ kind: 'single', url: 'redis://127.0.0.1:6379' });
    expect(parseRedisUrl('rediss://u:p@redis.example.test:6380/1').kind).to.equal('single');
  });

  it('gives BullMQ a hash-tagged prefix only in a Cluster', () => {
    expect(queueKeyPrefix('redis+cluster://h1:7000', 'upshift')).to.equal('{upshift}');
    expect(queueKeyPrefix('redis+cluster://h1:7000', '{upshift}')).to.equal('{upshift}');
    expect(queueKeyPrefix('redis://127.0.0.1:6379', 'upshift')).to.equal('upshift');
    expect(queueKeyPrefix('redis+sentinel://h1/mymaster', 'upshift')).to.equal('upshift');
  });

  it('redacts passwords for logs', () => {
    expect(redactRedisUrl('redis+sentinel://:s3cret@h1:26379/m?sentinelPassword=x')).to.equal(
      'redis+sentinel://:***@h1:26379/m?sentinelPassword=***',
    );
  });

  it('accepts every REDIS_URL form in the configuration', () => {
    for (const url of [
      'redis://127.0.0.1:6379',
      'rediss://h:6380',
      'redis+sentinel://h1:26379,h2:26379/mymaster',
      'redis+cluster://h1:7000,h2:7001,h3:7002',
    ]) {
      expect(loadConfig({ REDIS_URL: url }).redisUrl).to.equal(url);
    }
  });

  const badRedis: Array<[string, RegExp]> = [
    ['redis+sentinel://h1:26379,h2:26379', /master's name/],
    ['redis+sentinel://h1:26379,h2:26379/', /master's name/],
    ['redis+sentinel://h1:99999/mymaster', /port must be 1-65535/],
    ['redis+sentinel://h1:26379,,h2/mymaster', /host\[:port\] entries/],
    ['redis+sentinel://h1/mymaster?db=x', /db: expected a database number/],
    ['redis+sentinel://h1/mymaster?timeout=5', /unknown parameter 'timeout'/],
    ['redis+cluster://h1:7000,h2:7001/0', /has no path/],
    ['redis+cluster://h_1 x:7000', /not a host/],
    ['redis+cluster://', /malformed/],
    ['http://h1:6379', /expected a redis:, rediss:, redis\+sentinel: or redis\+cluster: URL/],
    ['not a url', /expected a URL/],
  ];
  for (const [url, message] of badRedis) {
    it(`stops on REDIS_URL=${url} naming REDIS_URL`, () => {
      const err = configError({ REDIS_URL: url });
      expect(err.variable).to.equal('REDIS_URL');
      expect(err.message)
        .to.match(/^REDIS_URL: /)
        .and.to.match(message);
    });
  }

  it("DATABASE_URL takes several hosts: the first is the admin host, all are the pool's", () => {
    const url = 'mysql://app:p%40w@h1:3306,h2:3307,h3/upshift';
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).to.equal(url);
    expect(parseDatabaseUrl(url)).to.deep.equal({
      host: 'h1',
      port: 3306,
      hosts: [
        { host: 'h1', port: 3306 },
        { host: 'h2', port: 3307 },
        { host: 'h3', port: 3306 },
      ],
      username: 'app',
      password: 'p@w',
      database: 'upshift',
    });
    expect(parseDatabaseUrl('mysql://root@127.0.0.1:3306/upshift').hosts).to.deep.equal([
      { host: '127.0.0.1', port: 3306 },
    ]);
  });

  for (const [url, message] of [
    ['mysql://u@h1:3306,h2:70000/upshift', /port must be 1-65535/],
    ['mysql://u@h1:3306,h2:3307/up-shift', /database name/],
    ['postgres://x/y', /expected a mysql: or mariadb: URL/],
  ] as const) {
    it(`stops on DATABASE_URL=${url} naming DATABASE_URL`, () => {
      const err = configError({ DATABASE_URL: url });
      expect(err.variable).to.equal('DATABASE_URL');
      expect(err.message).to.match(message);
    });
  }

  it('retries deadlocks, lock wait timeouts, failed commits and Galera refusals; nothing else', () => {
    const q = (errno: number, message = '') => ({ name: 'QueryFailedError', driverError: { errno, message } });
    expect(isRetryableDbError(q(1213, 'Deadlock found when trying to get lock; try restarting transaction'))).to.equal(
      true,
    );
    expect(
      isRetryableDbError(
        q(1213, 'WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction'),
      ),
    ).to.equal(true);
    expect(isRetryableDbError(q(1205))).to.equal(true);
    expect(isRetryableDbError(q(1180, 'Got error 6 "No such device or address" during COMMIT'))).to.equal(true);
    expect(isRetryableDbError(q(1047, 'WSREP has not yet prepared node for application use'))).to.equal(true);
    expect(isRetryableDbError({ errno: 1213, message: 'raw mysql2 error' })).to.equal(true);
    expect(isRetryableDbError(q(1047, 'Unknown command'))).to.equal(false);
    expect(isRetryableDbError(q(1062, 'Duplicate entry'))).to.equal(false);
    expect(isRetryableDbError(new Error('boom'))).to.equal(false);
    expect(isRetryableDbError(null)).to.equal(false);
  });
});
