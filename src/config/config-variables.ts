import { z } from 'zod';
import { parseApiTokenEntry } from './api-tokens.js';
import type { UpshiftConfig } from './config.js';
import { parseNetwork } from './network-list.js';
import { checkDatabaseUrl } from '../db/database-url.js';
import { parseRedisUrl } from '../queues/redis-url.js';

/**
 * Every environment variable Upshift reads, the config key it sets, and the zod schema that parses its text
 * (DESIGN §8). Defaults live in one place, `config/default.json`; a variable that is unset or empty keeps it.
 * Each schema's message is what start-up prints after the variable's name.
 */

/** Config keys that come straight from one variable (the policy ones are nested under `policy`). */
type TopKey = Exclude<
  keyof UpshiftConfig,
  'nodeEnv' | 'secretsKeys' | 'secretsKeyId' | 'secretsKeyIsDevelopment' | 'policy' | 'retention'
>;
type PolicyKey = keyof UpshiftConfig['policy'];
type RetentionKey = keyof UpshiftConfig['retention'];

/** One variable: where it goes and how its text is read. */
export interface ConfigVariable {
  key: TopKey | `policy.${PolicyKey}` | `retention.${RetentionKey}`;
  schema: z.ZodType;
}

const text = z.string();
const list = z.string().transform((raw) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const port = z
  .string()
  .regex(/^\d{1,5}$/, 'expected a port number 1-65535')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 65_535, 'expected a port number 1-65535');
const oneOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.enum(values, { error: (issue) => `expected one of ${values.join(', ')}, got '${String(issue.input)}'` });
const wholeNumber = (min: number, max: number, unit: string) =>
  z
    .string()
    .refine((raw) => /^\d{1,6}$/.test(raw) && Number(raw) >= min && Number(raw) <= max, {
      error: (issue) => `expected a whole number of ${unit} ${min}-${max}, got '${String(issue.input)}'`,
    })
    .transform(Number);
const boolean = z.string().transform((raw, ctx) => {
  const value = raw.toLowerCase();
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  ctx.addIssue({ code: 'custom', message: `expected true or false, got '${raw}'` });
  return z.NEVER;
});
const url = (protocols: string[]) =>
  z.string().superRefine((raw, ctx) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: `expected a URL (${protocols.join(' or ')}), got an unparsable value` });
      return;
    }
    if (!protocols.includes(parsed.protocol))
      ctx.addIssue({
        code: 'custom',
        message: `expected a ${protocols.join(' or ')} URL, got protocol '${parsed.protocol}'`,
      });
  });
const email = (example: string) => z.string().refine((raw) => raw.includes('@'), `expected an email address${example}`);
const timeZone = z.string().refine(
  (raw) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: raw });
      return true;
    } catch {
      return false;
    }
  },
  { error: (issue) => `expected an IANA time zone such as UTC or Europe/Berlin, got '${String(issue.input)}'` },
);
/** Runs a parser that throws an Error with the message to show. */
const checkedBy = <T>(check: (raw: string) => T) =>
  z.string().transform((raw, ctx) => {
    try {
      return check(raw);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  });

export const CONFIG_VARIABLES: Readonly<Record<string, ConfigVariable>> = {
  // One host, or h1:3306,h2:3307,… (the pool fails over: docs/HIGH-AVAILABILITY.md).
  DATABASE_URL: { key: 'databaseUrl', schema: checkedBy(checkDatabaseUrl) },
  // redis://, rediss://, redis+sentinel://…/<master>, redis+cluster://…
  REDIS_URL: {
    key: 'redisUrl',
    schema: checkedBy((raw) => {
      parseRedisUrl(raw);
      return raw;
    }),
  },
  QUEUE_PREFIX: {
    key: 'queuePrefix',
    schema: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'expected 1-32 letters, digits, _ or -'),
  },
  API_HOST: { key: 'apiHost', schema: text },
  API_PORT: { key: 'apiPort', schema: port },
  METRICS_PORT: {
    key: 'metricsPort',
    schema: z.union([z.literal('0').transform(() => 0), port], {
      error: 'expected a port number 1-65535, or 0 for none',
    }),
  },
  API_TOKENS: {
    key: 'apiTokens',
    schema: list.pipe(
      z.array(
        checkedBy((entry) => {
          parseApiTokenEntry(entry);
          return entry;
        }),
      ),
    ),
  },
  STAFF_AS_OF_WINDOW_DAYS: { key: 'staffAsOfWindowDays', schema: wholeNumber(0, 3660, 'days') },
  PANEL_ALLOWED_NETWORKS: {
    key: 'panelAllowedNetworks',
    schema: list.pipe(
      z.array(
        checkedBy((n) => {
          parseNetwork(n);
          return n;
        }),
      ),
    ),
  },
  DASHBOARD_USER: { key: 'dashboardUser', schema: text },
  DASHBOARD_PASSWORD: { key: 'dashboardPassword', schema: z.string().min(8, 'must be at least 8 characters') },
  MAIL_TRANSPORT: {
    key: 'mailTransport',
    schema: z.union([z.literal('outbox'), url(['smtp:', 'smtps:'])], {
      error: 'expected a URL (smtp: or smtps:), or outbox',
    }),
  },
  OUTBOX_DIR: { key: 'outboxDir', schema: text },
  MAIL_FROM: { key: 'mailFrom', schema: email(', e.g. "Billing <billing@example.com>"') },
  STAFF_EMAIL: { key: 'staffEmail', schema: email('') },
  BILLING_TZ: { key: 'billingTz', schema: timeZone },
  LOG_LEVEL: { key: 'logLevel', schema: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) },
  LOG_FORMAT: { key: 'logFormat', schema: oneOf(['json', 'pretty']) },
  IDEMPOTENCY_RETENTION_HOURS: { key: 'idempotencyRetentionHours', schema: wholeNumber(1, 87_600, 'hours') },
  WEBHOOK_URLS: { key: 'webhookUrls', schema: list.pipe(z.array(url(['http:', 'https:']))) },
  WEBHOOK_SECRET: { key: 'webhookSecret', schema: z.string().min(16, 'must be at least 16 characters') },
  DAY_COUNT: { key: 'policy.dayCount', schema: oneOf(['actual', 'fixed']) },
  BILLING_ANCHOR: { key: 'policy.billingAnchor', schema: oneOf(['keep', 'reset', 'reset-on-cycle-change']) },
  DOWNGRADE_TIMING: { key: 'policy.downgradeTiming', schema: oneOf(['immediate', 'end-of-term']) },
  CREDIT_ON_DOWNGRADE: { key: 'policy.creditOnDowngrade', schema: boolean },
  CONCURRENT_UPGRADES: { key: 'policy.concurrentUpgrades', schema: oneOf(['block', 'replace']) },
  UPGRADE_ORDER_TTL_DAYS: { key: 'policy.upgradeOrderTtlDays', schema: wholeNumber(1, 9999, 'days') },
  // Retention of the log and audit tables, days (0: for ever): src/config/retention-config.ts, the retention sweep.
  PANEL_CALLS_RETENTION_DAYS: {
    key: 'retention.panelCallsDays',
    schema: wholeNumber(0, 36_500, 'days (0: keep for ever)'),
  },
  EMAIL_LOG_RETENTION_DAYS: {
    key: 'retention.emailLogDays',
    schema: wholeNumber(0, 36_500, 'days (0: keep for ever)'),
  },
  WEBHOOK_DELIVERIES_RETENTION_DAYS: {
    key: 'retention.webhookDeliveriesDays',
    schema: wholeNumber(0, 36_500, 'days (0: keep for ever)'),
  },
  JOB_AUDIT_RETENTION_DAYS: {
    key: 'retention.jobAuditDays',
    schema: wholeNumber(0, 36_500, 'days (0: keep for ever)'),
  },
};
