import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { PolicyConfig, UpshiftConfig } from './config.js';
import { parseApiTokenEntry } from './api-tokens.js';
import { ConfigError } from './config-error.js';
import { parseNetwork } from './network-list.js';
import { packageRoot } from './package-root.js';
import { parseRedisUrl } from '../queues/redis-url.js';
import { checkDatabaseUrl } from '../db/database-url.js';
import { loadRetentionConfig } from './retention-config.js';

type Env = Record<string, string | undefined>;
type Defaults = Omit<UpshiftConfig, 'nodeEnv' | 'secretsKeys' | 'secretsKeyId' | 'secretsKeyIsDevelopment' | 'retention'>;

/** Reads one env var through a parser; the parser's message is prefixed with the variable's name. */
function fromEnv<T>(env: Env, variable: string, fallback: T, parse: (raw: string) => T): T {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  try {
    return parse(raw.trim());
  } catch (err) {
    throw new ConfigError(variable, (err as Error).message);
  }
}

const fail = (msg: string): never => { throw new Error(msg); };
const asString = (raw: string) => raw;
const asList = (raw: string) => raw.split(',').map((s) => s.trim()).filter(Boolean);
const asPort = (raw: string) => {
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  return n >= 1 && n <= 65535 ? n : fail(`expected a port number 1-65535, got '${raw}'`);
};
const asBool = (raw: string) =>
  ['true', '1', 'yes'].includes(raw.toLowerCase()) ? true
    : ['false', '0', 'no'].includes(raw.toLowerCase()) ? false
      : fail(`expected true or false, got '${raw}'`);
const oneOf = <T extends string>(values: readonly T[]) => (raw: string): T =>
  (values as readonly string[]).includes(raw) ? (raw as T) : fail(`expected one of ${values.join(', ')}, got '${raw}'`);
const asUrl = (protocols: string[]) => (raw: string) => {
  let url: URL;
  try { url = new URL(raw); } catch { return fail(`expected a URL (${protocols.join(' or ')}), got an unparsable value`); }
  return protocols.includes(url.protocol) ? raw : fail(`expected a ${protocols.join(' or ')} URL, got protocol '${url.protocol}'`);
};
const asTtlDays = (raw: string) => /^[1-9]\d{0,3}$/.test(raw) ? Number(raw) : fail(`expected a whole number of days 1-9999, got '${raw}'`);
const asTimeZone = (raw: string) => {
  try { new Intl.DateTimeFormat('en-US', { timeZone: raw }); return raw; } catch { return fail(`expected an IANA time zone such as UTC or Europe/Berlin, got '${raw}'`); }
};
const asMailTransport = (raw: string) =>
  raw === 'outbox' ? raw : asUrl(['smtp:', 'smtps:'])(raw);
const asUrlList = (raw: string) => asList(raw).map(asUrl(['http:', 'https:']));

/** Parses `SECRETS_KEY`: 64 hex characters, or `id:hex,id:hex` (first encrypts, all decrypt, for rotation). */
function parseSecretsKeys(raw: string): { keys: Record<string, Buffer>; current: string } {
  const keys: Record<string, Buffer> = {};
  let current = '';
  for (const [i, part] of raw.split(',').map((s) => s.trim()).entries()) {
    const [id, hex] = part.includes(':') ? part.split(':', 2) as [string, string] : ['k1', part];
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) fail('expected 32 bytes as 64 hex characters (optionally "keyId:hex", comma-separated for rotation)');
    if (!/^[A-Za-z0-9_-]{1,16}$/.test(id)) fail(`key id '${id}' must be 1-16 letters, digits, _ or -`);
    keys[id] = Buffer.from(hex, 'hex');
    if (i === 0) current = id;
  }
  return { keys, current };
}

/** A fixed key for development and tests only; start-up refuses it under NODE_ENV=production. */
const DEVELOPMENT_KEY = createHash('sha256').update('upshift-development-key').digest();

function readDefaults(): Defaults {
  return JSON.parse(readFileSync(join(packageRoot(), 'config', 'default.json'), 'utf8')) as Defaults;
}

/**
 * Builds the configuration: `config/default.json`, overridden by environment variables. Throws
 * {@link ConfigError} naming the first bad variable; callers print it and exit non-zero.
 */
export function loadConfig(env: Env = process.env): UpshiftConfig {
  const d = readDefaults();
  const nodeEnv = env.NODE_ENV || 'development';
  let secrets: { keys: Record<string, Buffer>; current: string; dev: boolean };
  if (env.SECRETS_KEY) {
    secrets = { ...fromEnv(env, 'SECRETS_KEY', { keys: {}, current: '' }, parseSecretsKeys), dev: false };
  } else if (nodeEnv === 'production') {
    throw new ConfigError('SECRETS_KEY', 'required when NODE_ENV=production: 32 bytes as 64 hex characters (e.g. `openssl rand -hex 32`)');
  } else {
    secrets = { keys: { dev: DEVELOPMENT_KEY }, current: 'dev', dev: true };
  }
  const policy: PolicyConfig = {
    dayCount: fromEnv(env, 'DAY_COUNT', d.policy.dayCount, oneOf(['actual', 'fixed'] as const)),
    billingAnchor: fromEnv(env, 'BILLING_ANCHOR', d.policy.billingAnchor, oneOf(['keep', 'reset', 'reset-on-cycle-change'] as const)),
    downgradeTiming: fromEnv(env, 'DOWNGRADE_TIMING', d.policy.downgradeTiming, oneOf(['immediate', 'end-of-term'] as const)),
    creditOnDowngrade: fromEnv(env, 'CREDIT_ON_DOWNGRADE', d.policy.creditOnDowngrade, asBool),
    concurrentUpgrades: fromEnv(env, 'CONCURRENT_UPGRADES', d.policy.concurrentUpgrades, oneOf(['block', 'replace'] as const)),
    upgradeOrderTtlDays: fromEnv(env, 'UPGRADE_ORDER_TTL_DAYS', d.policy.upgradeOrderTtlDays, asTtlDays),
  };
  const config: UpshiftConfig = {
    nodeEnv,
    databaseUrl: fromEnv(env, 'DATABASE_URL', d.databaseUrl, checkDatabaseUrl), // one host, or h1:3306,h2:3307,… (failover)
    redisUrl: fromEnv(env, 'REDIS_URL', d.redisUrl, (raw) => { parseRedisUrl(raw); return raw; }), // redis, rediss, redis+sentinel, redis+cluster
    queuePrefix: fromEnv(env, 'QUEUE_PREFIX', d.queuePrefix, (raw) => /^[A-Za-z0-9_-]{1,32}$/.test(raw) ? raw : fail('expected 1-32 letters, digits, _ or -')),
    apiPort: fromEnv(env, 'API_PORT', d.apiPort, asPort),
    apiHost: fromEnv(env, 'API_HOST', d.apiHost, asString),
    metricsPort: fromEnv(env, 'METRICS_PORT', d.metricsPort, (raw) => raw === '0' ? 0 : asPort(raw)),
    apiTokens: fromEnv(env, 'API_TOKENS', d.apiTokens, (raw) => {
      const tokens = asList(raw);
      tokens.forEach(parseApiTokenEntry); // throws naming the problem
      return tokens;
    }),
    staffAsOfWindowDays: fromEnv(env, 'STAFF_AS_OF_WINDOW_DAYS', d.staffAsOfWindowDays, (raw) =>
      /^\d{1,4}$/.test(raw) && Number(raw) <= 3660 ? Number(raw) : fail(`expected a whole number of days 0-3660, got '${raw}'`)),
    panelAllowedNetworks: fromEnv(env, 'PANEL_ALLOWED_NETWORKS', d.panelAllowedNetworks, (raw) => asList(raw).map((n) => { parseNetwork(n); return n; })),
    dashboardUser: fromEnv(env, 'DASHBOARD_USER', d.dashboardUser, asString),
    dashboardPassword: fromEnv(env, 'DASHBOARD_PASSWORD', d.dashboardPassword, (raw) => raw.length >= 8 ? raw : fail('must be at least 8 characters')),
    secretsKeys: secrets.keys,
    secretsKeyId: secrets.current,
    secretsKeyIsDevelopment: secrets.dev,
    mailTransport: fromEnv(env, 'MAIL_TRANSPORT', d.mailTransport, asMailTransport),
    outboxDir: fromEnv(env, 'OUTBOX_DIR', d.outboxDir, asString),
    mailFrom: fromEnv(env, 'MAIL_FROM', d.mailFrom, (raw) => raw.includes('@') ? raw : fail('expected an email address, e.g. "Billing <billing@example.com>"')),
    staffEmail: fromEnv(env, 'STAFF_EMAIL', d.staffEmail, (raw) => raw.includes('@') ? raw : fail('expected an email address')),
    billingTz: fromEnv(env, 'BILLING_TZ', d.billingTz, asTimeZone),
    logLevel: fromEnv(env, 'LOG_LEVEL', d.logLevel, oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const)),
    webhookUrls: fromEnv(env, 'WEBHOOK_URLS', d.webhookUrls, asUrlList),
    webhookSecret: fromEnv(env, 'WEBHOOK_SECRET', d.webhookSecret, (raw) => raw.length >= 16 ? raw : fail('must be at least 16 characters')),
    policy,
    retention: loadRetentionConfig(env),
  };
  if (config.webhookUrls.length > 0 && !config.webhookSecret) {
    throw new ConfigError('WEBHOOK_SECRET', 'required when WEBHOOK_URLS is set: front-ends verify each delivery with it (16+ characters)');
  }
  return config;
}
