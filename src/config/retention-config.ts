import { ConfigError } from './config-error.js';

/**
 * How long the log and audit tables keep their rows (days; 0 keeps them for ever). The retention sweep deletes a row
 * only when it is older than this **and** nothing open still needs it: see src/app/scheduler/retention-sweep.ts.
 * Business records (upgrades, transitions, invoices, payments, the credit ledger, service terms) are never deleted.
 */
export interface RetentionConfig {
  /** `panel_calls`: every HTTP call to a panel, with redacted request and response. @defaultValue 90 */
  panelCallsDays: number;
  /** `email_log`: the send-once keys and message ids. @defaultValue 400 (longer than any replay window; see the sweep) */
  emailLogDays: number;
  /** `webhook_deliveries` that are no longer pending. @defaultValue 90 */
  webhookDeliveriesDays: number;
  /** `job_audit`: who retried, replayed or cleaned which job. @defaultValue 400 */
  jobAuditDays: number;
}

export const RETENTION_DEFAULTS: RetentionConfig = { panelCallsDays: 90, emailLogDays: 400, webhookDeliveriesDays: 90, jobAuditDays: 400 };

/** Variable → field. */
const VARIABLES: ReadonlyArray<[string, keyof RetentionConfig]> = [
  ['PANEL_CALLS_RETENTION_DAYS', 'panelCallsDays'],
  ['EMAIL_LOG_RETENTION_DAYS', 'emailLogDays'],
  ['WEBHOOK_DELIVERIES_RETENTION_DAYS', 'webhookDeliveriesDays'],
  ['JOB_AUDIT_RETENTION_DAYS', 'jobAuditDays'],
];

/**
 * Reads the retention variables: whole days 0-36500 (0 keeps for ever). `EMAIL_LOG_RETENTION_DAYS` must be at least
 * 31, longer than BullMQ keeps a failed job (30 days), so no job that could still run finds its send-once key gone.
 * @throws ConfigError naming the variable
 */
export function loadRetentionConfig(env: Record<string, string | undefined>): RetentionConfig {
  const config = { ...RETENTION_DEFAULTS };
  for (const [variable, field] of VARIABLES) {
    const raw = env[variable]?.trim();
    if (raw === undefined || raw === '') continue;
    if (!/^\d{1,5}$/.test(raw) || Number(raw) > 36_500) throw new ConfigError(variable, `expected a whole number of days 0-36500 (0: keep for ever), got '${raw}'`);
    config[field] = Number(raw);
  }
  if (config.emailLogDays !== 0 && config.emailLogDays < 31) {
    throw new ConfigError('EMAIL_LOG_RETENTION_DAYS', `must be 0 (keep for ever) or at least 31 days: the email log holds the send-once keys, and a failed email job is kept (and may be retried) for 30 days; got ${config.emailLogDays}`);
  }
  return config;
}
