import { z } from 'zod';

/*
 * The built-in templates and the variables each one is rendered with. The pipeline formats everything first
 * (money as decimal strings in the invoice currency, dates as YYYY-MM-DD), so templates never do arithmetic.
 * Every template also sees `brandName` (TemplateRenderer option). The schemas check the caller's side; Handlebars
 * `strict` checks the template's side, so a typo on either end is an error rather than a blank in a customer email.
 */

const text = z.string().trim().min(1);
const id = z.number().int().positive();
/** A decimal string as the API uses for money, e.g. `19.99`, `-4.50`, `1200`. */
const money = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string such as 19.99');
const currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** What every client-facing upgrade email says about the change (WHMCS "upgradeemail" merge fields, plus ids). */
const change = {
  clientName: text,
  serviceDomain: text,
  oldProduct: text,
  newProduct: text,
  /** Billing cycle labels as shown to the client, e.g. `Monthly`, `Annually`. */
  oldCycle: text,
  newCycle: text,
  currency,
  upgradeId: id,
};

/** `upgrade-completed`: sent to the client once the change is applied (and provisioned, where there is a panel). */
export const upgradeCompletedVars = z.object({
  ...change,
  newRecurringAmount: money,
  /** Null for a one-time product (no further renewals). */
  nextDueDate: date.nullable(),
  /** What the client paid for this upgrade; `0.00` when it was applied without payment. */
  amountPaid: money,
  /** Null when no invoice was raised (total ≤ 0, or a staff change). */
  invoiceId: id.nullable(),
});

/** `upgrade-invoice-issued`: sent to the client when the upgrade invoice is raised. */
export const upgradeInvoiceIssuedVars = z.object({
  ...change,
  invoiceId: id,
  invoiceTotal: money,
  invoiceDueDate: date,
  /** Recurring amount after the change, so the client sees what they will pay from then on. */
  newRecurringAmount: money,
  /** Link to pay the invoice in the client area (http or https only: escaping does not make a `javascript:` link safe); null hides the button. */
  invoiceUrl: z.url({ protocol: /^https?$/ }).nullable(),
});

/** `downgrade-scheduled`: sent to the client when an end-of-term downgrade is booked. */
export const downgradeScheduledVars = z.object({
  ...change,
  /** The date the downgrade takes effect (the service's next due date). */
  effectiveDate: date,
  newRecurringAmount: money,
});

/** `provisioning-failed`: sent to billing staff when ChangePackage finally failed; billing is applied, the panel is not. */
export const provisioningFailedVars = z.object({
  upgradeId: id,
  serviceId: id,
  clientName: text,
  serviceDomain: text,
  /** Panel server name and type, e.g. `web-03` / `cpanel`. */
  serverName: text,
  panelType: text,
  /** The panel package the service should be on now. */
  targetPackage: text,
  /** The last error, already free of secrets. */
  errorMessage: text,
  attempts: z.number().int().nonnegative(),
  /** ISO 8601 timestamp of the final failure. */
  failedAt: text,
  /** Where staff retry it (dashboard or CLI hint); null omits the line. */
  retryHint: z.string().nullable(),
});

/**
 * `upgrade-healed`: sent to billing staff once per upgrade and stuck state when the scheduler's healing sweep found the
 * upgrade sitting in a state a job should have moved it on from (its job failed for good, vanished, or completed
 * without moving it) and re-drove it under a new job id. Informational: the pipeline is finishing it; staff look
 * at the cause (the failed job is kept) and at the upgrade if it is still not completed later.
 */
export const upgradeHealedVars = z.object({
  upgradeId: id,
  clientName: text,
  serviceDomain: text,
  /** Null when the upgrade has no invoice (yet). */
  invoiceId: id.nullable(),
  /** The state it was stuck in, as staff read it, e.g. `invoiced (invoice paid)`. */
  stuckState: text,
  /** ISO 8601 timestamp: since when it sat in that state. */
  stuckSince: text,
  /** The queue and id of the job that should have moved it, and what BullMQ held for it: failed, completed or missing. */
  queue: text,
  jobId: text,
  jobState: text,
  /** The re-drive: its job id and ISO 8601 time. */
  healJobId: text,
  healedAt: text,
  /** The upgrade's status when this email was rendered. */
  currentStatus: text,
});

export const EMAIL_TEMPLATE_SCHEMAS = {
  'upgrade-completed': upgradeCompletedVars,
  'upgrade-invoice-issued': upgradeInvoiceIssuedVars,
  'downgrade-scheduled': downgradeScheduledVars,
  'provisioning-failed': provisioningFailedVars,
  'upgrade-healed': upgradeHealedVars,
} as const;

/** Names of the built-in templates (folders under `templates/email/`). */
export type EmailTemplateName = keyof typeof EMAIL_TEMPLATE_SCHEMAS;
export const EMAIL_TEMPLATE_NAMES = Object.keys(EMAIL_TEMPLATE_SCHEMAS) as EmailTemplateName[];

export type UpgradeCompletedEmailVars = z.infer<typeof upgradeCompletedVars>;
export type UpgradeInvoiceIssuedEmailVars = z.infer<typeof upgradeInvoiceIssuedVars>;
export type DowngradeScheduledEmailVars = z.infer<typeof downgradeScheduledVars>;
export type ProvisioningFailedEmailVars = z.infer<typeof provisioningFailedVars>;
export type UpgradeHealedEmailVars = z.infer<typeof upgradeHealedVars>;

/** The variables type of each built-in template, for callers that want the compiler to check them. */
export interface EmailTemplateVars {
  'upgrade-completed': UpgradeCompletedEmailVars;
  'upgrade-invoice-issued': UpgradeInvoiceIssuedEmailVars;
  'downgrade-scheduled': DowngradeScheduledEmailVars;
  'provisioning-failed': ProvisioningFailedEmailVars;
  'upgrade-healed': UpgradeHealedEmailVars;
}

export function isBuiltInTemplate(name: string): name is EmailTemplateName {
  return Object.prototype.hasOwnProperty.call(EMAIL_TEMPLATE_SCHEMAS, name);
}
