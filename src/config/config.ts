import type { RetentionConfig } from './retention-config.js';

/** The validated configuration every process reads once at start-up (DESIGN §8). */
export interface UpshiftConfig {
  nodeEnv: string;
  /** `mysql://user:pass@host:port/db`. @defaultValue `mysql://root@127.0.0.1:3306/upshift` */
  databaseUrl: string;
  /** @defaultValue `redis://127.0.0.1:6379` */
  redisUrl: string;
  /** BullMQ key prefix; lets several installations share one Redis. @defaultValue `upshift` */
  queuePrefix: string;
  /** @defaultValue 3000 */
  apiPort: number;
  /** @defaultValue `127.0.0.1` */
  apiHost: string;
  /**
   * Port of the probe server (`/health`, `/ready`, `/metrics`) of a workers-only process; 0 disables it. Processes
   * that run the API serve these on the API port instead. @defaultValue 9464
   */
  metricsPort: number;
  /**
   * Bearer tokens accepted by the HTTP API, as configured: `role:token` (role `staff`, `storefront` or `gateway`,
   * see api-tokens.ts) or a bare token, which is `staff`. @defaultValue none (every request is 401)
   */
  apiTokens: string[];
  /**
   * How many days back a staff caller may price an order (`asOf`); never forward. The storefront may only send
   * today or yesterday. @defaultValue 31
   */
  staffAsOfWindowDays: number;
  /**
   * Networks (CIDR, e.g. `10.20.0.0/16`, `2001:db8::/32`, or single addresses) panel servers must be in; a server
   * whose host resolves outside them is refused (422). @defaultValue none (any address)
   */
  panelAllowedNetworks: string[];
  /** Basic-auth user of the retry dashboard. @defaultValue `ops` */
  dashboardUser: string;
  /** Basic-auth password of the retry dashboard; empty disables the dashboard. @defaultValue empty */
  dashboardPassword: string;
  /** AES-256-GCM keys for panel secrets by key id; `secretsKeyId` encrypts. */
  secretsKeys: Record<string, Buffer>;
  secretsKeyId: string;
  /** True when no SECRETS_KEY was given and the development key is in use. */
  secretsKeyIsDevelopment: boolean;
  /** `outbox` (write .eml files) or an SMTP URL. @defaultValue `outbox` */
  mailTransport: string;
  /** Where the outbox transport writes. @defaultValue `outbox` (relative to the working directory) */
  outboxDir: string;
  mailFrom: string;
  /** Where staff notices (provisioning failed) go. */
  staffEmail: string;
  /** IANA zone of billing dates. @defaultValue `UTC` */
  billingTz: string;
  logLevel: string;
  /** Front-end endpoints that receive signed upgrade events. @defaultValue none */
  webhookUrls: string[];
  webhookSecret: string;
  policy: PolicyConfig;
  /** Retention of the log and audit tables (src/config/retention-config.ts). */
  retention: RetentionConfig;
}

export interface PolicyConfig {
  /** @defaultValue `actual` */
  dayCount: 'actual' | 'fixed';
  /** @defaultValue `keep` */
  billingAnchor: 'keep' | 'reset' | 'reset-on-cycle-change';
  /** @defaultValue `immediate` */
  downgradeTiming: 'immediate' | 'end-of-term';
  /** @defaultValue true */
  creditOnDowngrade: boolean;
  /** What a second upgrade order does while one is open. @defaultValue `block` */
  concurrentUpgrades: 'block' | 'replace';
  /** Unpaid orders also expire after this many days. @defaultValue null (only at the next due date) */
  upgradeOrderTtlDays: number | null;
}
