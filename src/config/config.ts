import type { RetentionConfig } from './retention-config.js';

/**
 * The validated configuration every process reads once at start-up (DESIGN §8). Defaults live in one place,
 * `config/default.json` (README's configuration table is checked against it); each variable's schema is in
 * config-variables.ts.
 */
export interface UpshiftConfig {
  nodeEnv: string;
  /** `mysql://user:pass@host:port/db`. */
  databaseUrl: string;
  /** `redis://…` (or `rediss://`). */
  redisUrl: string;
  /** BullMQ key prefix; lets several installations share one Redis. */
  queuePrefix: string;
  /** Port of the HTTP API. */
  apiPort: number;
  /** Address the HTTP API listens on. */
  apiHost: string;
  /**
   * Port of the probe server (`/health`, `/ready`, `/metrics`) of a workers-only process; 0 disables it. Processes
   * that run the API serve these on the API port instead.
   */
  metricsPort: number;
  /**
   * Bearer tokens accepted by the HTTP API, as configured: `role:token` (role `staff`, `storefront` or `gateway`,
   * see api-tokens.ts) or a bare token, which is `staff`.
   */
  apiTokens: string[];
  /**
   * How many days back a staff caller may price an order (`asOf`); never forward. The storefront may only send
   * today or yesterday.
   */
  staffAsOfWindowDays: number;
  /**
   * Networks (CIDR, e.g. `10.20.0.0/16`, `2001:db8::/32`, or single addresses) panel servers must be in; a server
   * whose host resolves outside them is refused (422).
   */
  panelAllowedNetworks: string[];
  /** Basic-auth user of the retry dashboard. */
  dashboardUser: string;
  /** Basic-auth password of the retry dashboard; empty disables the dashboard. */
  dashboardPassword: string;
  /** AES-256-GCM keys for panel secrets by key id; `secretsKeyId` encrypts. */
  secretsKeys: Record<string, Buffer>;
  secretsKeyId: string;
  /** True when no SECRETS_KEY was given and the development key is in use. */
  secretsKeyIsDevelopment: boolean;
  /** `outbox` (write .eml files) or an SMTP URL. */
  mailTransport: string;
  /** Where the outbox transport writes. */
  outboxDir: string;
  mailFrom: string;
  /** Where staff notices (provisioning failed) go. */
  staffEmail: string;
  /** IANA zone of billing dates. */
  billingTz: string;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /**
   * `json`: one JSON object per line, for log shippers; `pretty`: readable lines (pino-pretty), for a person at a
   * terminal.
   */
  logFormat: LogFormat;
  /**
   * Hours an `Idempotency-Key` and its stored response are kept; the scheduler's `purge-idempotency-keys` sweep deletes
   * older ones, and a request reusing a purged key runs as a new request.
   */
  idempotencyRetentionHours: number;
  /** Front-end endpoints that receive signed upgrade events. */
  webhookUrls: string[];
  /** Signs every delivery (Standard Webhooks and `Upshift-Signature`); required when there are endpoints. */
  webhookSecret: string;
  policy: PolicyConfig;
  /** Retention of the log and audit tables (src/config/retention-config.ts). */
  retention: RetentionConfig;
}

/** How log lines are written (`LOG_FORMAT`). */
export type LogFormat = 'json' | 'pretty';

/** The quote policies of DESIGN §3 and the order policies of §2. */
export interface PolicyConfig {
  /** Period length: real calendar days, or 30/90/…/1095. */
  dayCount: 'actual' | 'fixed';
  /** Whether a product change keeps the due date or starts a new cycle on the change day. */
  billingAnchor: 'keep' | 'reset' | 'reset-on-cycle-change';
  /** A downgrade applies at once, or waits for the next due date. */
  downgradeTiming: 'immediate' | 'end-of-term';
  /** Whether a negative net goes to the client's account credit. */
  creditOnDowngrade: boolean;
  /** What a second upgrade order does while one is open. */
  concurrentUpgrades: 'block' | 'replace';
  /** Unpaid orders also expire after this many days. */
  upgradeOrderTtlDays: number | null;
}
