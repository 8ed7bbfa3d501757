import { ConfigError } from './config-error.js';

/**
 * How long the log and audit tables keep their rows (days; 0 keeps them for ever). The retention sweep deletes a row
 * only when it is older than this **and** nothing open still needs it: see src/app/scheduler/retention-sweep.ts.
 * Business records (upgrades, transitions, invoices, payments, the credit ledger, service terms) are never deleted.
 * Variables: PANEL_CALLS_RETENTION_DAYS, EMAIL_LOG_RETENTION_DAYS, WEBHOOK_DELIVERIES_RETENTION_DAYS,
 * JOB_AUDIT_RETENTION_DAYS (config-variables.ts); defaults in config/default.json.
 */
export interface RetentionConfig {
  /** `panel_calls`: every HTTP call to a panel, with redacted request and response (default 90). */
  panelCallsDays: number;
  /** `email_log`: the send-once keys and message ids (default 400, longer than any replay window; see the sweep). */
  emailLogDays: number;
  /** `webhook_deliveries` that are no longer pending (default 90). */
  webhookDeliveriesDays: number;
  /** `job_audit`: who retried, replayed or cleaned which job (default 400). */
  jobAuditDays: number;
}

/** The defaults of config/default.json (a test keeps them equal). */
export const RETENTION_DEFAULTS: RetentionConfig = {
  panelCallsDays: 90,
  emailLogDays: 400,
  webhookDeliveriesDays: 90,
  jobAuditDays: 400,
};

/**
 * `EMAIL_LOG_RETENTION_DAYS` must be 0 or at least 31, longer than BullMQ keeps a failed job (30 days), so no job that
 * could still run finds its send-once key gone. @throws ConfigError naming the variable
 */
export function checkRetention(retention: RetentionConfig): void {
  if (retention.emailLogDays !== 0 && retention.emailLogDays < 31) {
    throw new ConfigError(
      'EMAIL_LOG_RETENTION_DAYS',
      `must be 0 (keep for ever) or at least 31 days: the email log holds the send-once keys, and a failed email job is kept (and may be retried) for 30 days; got ${retention.emailLogDays}`,
    );
  }
}
