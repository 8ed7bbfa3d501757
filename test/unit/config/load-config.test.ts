import { expect } from 'chai';
import { ConfigError } from '../../../src/config/config-error.js';
import { loadConfig } from '../../../src/config/load-config.js';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('uses config/default.json when no variable is set (DESIGN §8 defaults)', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).to.equal('mysql://root@127.0.0.1:3306/upshift');
    expect(c.redisUrl).to.equal('redis://127.0.0.1:6379');
    expect(c.apiPort).to.equal(3000);
    expect(c.mailTransport).to.equal('outbox');
    expect(c.billingTz).to.equal('UTC');
    expect(c.policy).to.deep.equal({
      dayCount: 'actual',
      billingAnchor: 'keep',
      downgradeTiming: 'immediate',
      creditOnDowngrade: true,
      concurrentUpgrades: 'block',
      upgradeOrderTtlDays: null,
    });
    expect(c.secretsKeyIsDevelopment).to.equal(true);
    expect(c.idempotencyRetentionHours).to.equal(72);
  });

  it('reads IDEMPOTENCY_RETENTION_HOURS', () => {
    expect(loadConfig({ IDEMPOTENCY_RETENTION_HOURS: '24' }).idempotencyRetentionHours).to.equal(24);
    expect(loadConfig({ IDEMPOTENCY_RETENTION_HOURS: '87600' }).idempotencyRetentionHours).to.equal(87_600);
  });

  it('lets environment variables override the defaults', () => {
    const c = loadConfig({
      API_PORT: '8080',
      API_TOKENS: 'aaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbb',
      DAY_COUNT: 'fixed',
      CREDIT_ON_DOWNGRADE: 'false',
      UPGRADE_ORDER_TTL_DAYS: '14',
      MAIL_TRANSPORT: 'smtp://mail.example.test:587',
      BILLING_TZ: 'Europe/Berlin',
      SECRETS_KEY: 'a'.repeat(64),
    });
    expect(c.apiPort).to.equal(8080);
    expect(c.apiTokens).to.deep.equal(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
    expect(c.policy.dayCount).to.equal('fixed');
    expect(c.policy.creditOnDowngrade).to.equal(false);
    expect(c.policy.upgradeOrderTtlDays).to.equal(14);
    expect(c.mailTransport).to.equal('smtp://mail.example.test:587');
    expect(c.billingTz).to.equal('Europe/Berlin');
    expect(c.secretsKeyId).to.equal('k1');
    expect(c.secretsKeys.k1.length).to.equal(32);
  });

  it('reads role:token entries, the staff as-of window and the panel networks', () => {
    const c = loadConfig({
      API_TOKENS: `storefront:${'s'.repeat(16)},gateway:${'g'.repeat(16)},${'b'.repeat(16)}`,
      STAFF_AS_OF_WINDOW_DAYS: '7',
      PANEL_ALLOWED_NETWORKS: '10.0.0.0/8, 192.0.2.10, 2001:db8::/32',
    });
    expect(c.apiTokens).to.deep.equal([`storefront:${'s'.repeat(16)}`, `gateway:${'g'.repeat(16)}`, 'b'.repeat(16)]);
    expect(c.staffAsOfWindowDays).to.equal(7);
    expect(c.panelAllowedNetworks).to.deep.equal(['10.0.0.0/8', '192.0.2.10', '2001:db8::/32']);
    expect(loadConfig({})).to.deep.include({ staffAsOfWindowDays: 31, panelAllowedNetworks: [] });
  });

  it('accepts several keys for rotation; the first one encrypts', () => {
    const c = loadConfig({ SECRETS_KEY: `new:${'b'.repeat(64)},old:${'a'.repeat(64)}` });
    expect(c.secretsKeyId).to.equal('new');
    expect(Object.keys(c.secretsKeys)).to.deep.equal(['new', 'old']);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['API_PORT', 'abc', /API_PORT: expected a port number/],
    ['API_PORT', '70000', /API_PORT: expected a port number/],
    ['DATABASE_URL', 'postgres://x/y', /DATABASE_URL: expected a mysql: or mariadb: URL/],
    ['REDIS_URL', 'not a url', /REDIS_URL: expected a URL/],
    ['DAY_COUNT', 'exact', /DAY_COUNT: expected one of actual, fixed, got 'exact'/],
    ['BILLING_ANCHOR', 'sometimes', /BILLING_ANCHOR: expected one of keep, reset, reset-on-cycle-change/],
    ['CREDIT_ON_DOWNGRADE', 'maybe', /CREDIT_ON_DOWNGRADE: expected true or false/],
    ['CONCURRENT_UPGRADES', 'queue', /CONCURRENT_UPGRADES: expected one of block, replace/],
    ['UPGRADE_ORDER_TTL_DAYS', '-3', /UPGRADE_ORDER_TTL_DAYS: expected a whole number of days/],
    ['MAIL_TRANSPORT', 'sendmail', /MAIL_TRANSPORT: expected a URL/],
    ['BILLING_TZ', 'Mars/Olympus', /BILLING_TZ: expected an IANA time zone/],
    ['SECRETS_KEY', 'abcd', /SECRETS_KEY: expected 32 bytes as 64 hex characters/],
    ['API_TOKENS', 'short', /API_TOKENS: each token must be at least 16 characters/],
    [
      'API_TOKENS',
      'storefornt:aaaaaaaaaaaaaaaa',
      /API_TOKENS: an entry has the role 'storefornt'; roles are staff, storefront, gateway/,
    ],
    ['API_TOKENS', 'gateway:short', /API_TOKENS: each token must be at least 16 characters/],
    ['STAFF_AS_OF_WINDOW_DAYS', '-1', /STAFF_AS_OF_WINDOW_DAYS: expected a whole number of days 0-3660/],
    ['STAFF_AS_OF_WINDOW_DAYS', '9999', /STAFF_AS_OF_WINDOW_DAYS: expected a whole number of days 0-3660/],
    ['PANEL_ALLOWED_NETWORKS', '10.0.0.0/33', /PANEL_ALLOWED_NETWORKS: '10.0.0.0\/33' is not a network/],
    ['IDEMPOTENCY_RETENTION_HOURS', '0', /IDEMPOTENCY_RETENTION_HOURS: expected a whole number of hours 1-87600/],
    ['IDEMPOTENCY_RETENTION_HOURS', '1.5', /IDEMPOTENCY_RETENTION_HOURS: expected a whole number of hours 1-87600/],
    ['IDEMPOTENCY_RETENTION_HOURS', '87601', /IDEMPOTENCY_RETENTION_HOURS: expected a whole number of hours 1-87600/],
    ['PANEL_ALLOWED_NETWORKS', 'panels.example.test', /PANEL_ALLOWED_NETWORKS: 'panels.example.test' is not a network/],
  ];
  for (const [variable, value, message] of bad) {
    it(`stops on ${variable}=${value} with a message naming ${variable}`, () => {
      const err = errorOf({ [variable]: value });
      expect(err.variable).to.equal(variable);
      expect(err.message).to.match(message);
    });
  }

  it('requires WEBHOOK_SECRET when WEBHOOK_URLS is set', () => {
    const err = errorOf({ WEBHOOK_URLS: 'https://billing.example.test/hooks/upshift' });
    expect(err.variable).to.equal('WEBHOOK_SECRET');
    expect(
      loadConfig({ WEBHOOK_URLS: 'https://billing.example.test/hooks/upshift', WEBHOOK_SECRET: 'x'.repeat(16) })
        .webhookUrls,
    ).to.have.length(1);
  });

  it('refuses to run in production without SECRETS_KEY', () => {
    const err = errorOf({ NODE_ENV: 'production' });
    expect(err.variable).to.equal('SECRETS_KEY');
    expect(err.message).to.contain('required when NODE_ENV=production');
  });

  it('never echoes a secret value in the error', () => {
    const err = errorOf({ SECRETS_KEY: 'zz-secret-material-zz' });
    expect(err.message).not.to.contain('zz-secret-material-zz');
  });
});
