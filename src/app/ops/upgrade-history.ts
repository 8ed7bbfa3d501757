import { In } from 'typeorm';
import { CreditLedgerEntry, EmailLog, Invoice, PanelCall, Payment, WebhookDelivery } from '../../db/entities/index.js';
import { currencyDecimals } from '../../domain/currencies.js';
import { formatMoney } from '../../domain/money.js';
import { redactUrl } from '../../webhooks/redact-url.js';
import type { AppContext } from '../app-context.js';
import { getUpgrade, type UpgradeResource } from '../upgrades/get-upgrade.js';
import type { JobQueues } from './job-queues.js';
import { auditRowsFor, type AuditRow } from './show-job.js';
import { upgradeJobs } from './upgrade-jobs.js';

/** One dated line of an upgrade's story. */
export interface TimelineEntry {
  at: string;
  source: 'status' | 'payment' | 'credit' | 'panel' | 'email' | 'webhook' | 'job' | 'ops';
  event: string;
}

/** `upshift upgrades show <id>`: everything that happened to one upgrade, from the database and Redis. */
export interface UpgradeHistory {
  upgrade: UpgradeResource;
  invoice: { id: number; status: string; total: string; amountPaid: string; currency: string } | null;
  payments: Array<{ id: number; amount: string; gateway: string; transactionId: string; paidAt: string }>;
  credits: Array<{ reference: string; amount: string; currency: string; description: string; at: string }>;
  panelCalls: Array<{
    at: string;
    serverId: number;
    action: string;
    outcome: string;
    httpStatus: number | null;
    durationMs: number;
    error: string | null;
  }>;
  emails: Array<{ key: string; template: string; recipient: string; status: string; at: string }>;
  webhooks: Array<{
    id: number;
    event: string;
    url: string;
    status: string;
    attempts: number;
    lastHttpStatus: number | null;
    at: string;
  }>;
  /** The upgrade's jobs in Redis (state `gone` once retention removed them), replays included. */
  jobs: Array<{
    queue: string;
    jobId: string;
    state: string;
    attemptsMade: number;
    failedReason: string | null;
    finishedAt: string | null;
  }>;
  audit: AuditRow[];
  /** All of the above by time. */
  timeline: TimelineEntry[];
}

export async function upgradeHistory(ctx: AppContext, queues: JobQueues, upgradeId: number): Promise<UpgradeHistory> {
  const upgrade = await getUpgrade(ctx, upgradeId);
  const ds = ctx.ds;
  const money = (minor: bigint, currency: string) => formatMoney(minor, currencyDecimals(currency) ?? 2);
  const invoiceRow =
    upgrade.invoiceId === null ? null : await ds.getRepository(Invoice).findOneBy({ id: upgrade.invoiceId });
  const paymentRows = invoiceRow
    ? await ds.getRepository(Payment).find({ where: { invoiceId: invoiceRow.id }, order: { id: 'ASC' } })
    : [];
  // The ledger references the pipeline writes for an upgrade (apply-upgrade-change, apply-paid-invoice, cancel-upgrade, record-payment).
  const references = [
    `downgrade-credit-${upgradeId}`,
    `refund-upgrade-${upgradeId}`,
    ...(invoiceRow ? [`cancel-refund-invoice-${invoiceRow.id}`] : []),
    ...paymentRows.map((p) => `overpayment-${p.id}`),
  ];
  const [creditRows, panelRows, emailRows, webhookRows, jobs] = await Promise.all([
    ds.getRepository(CreditLedgerEntry).find({ where: { reference: In(references) }, order: { id: 'ASC' } }),
    ds.getRepository(PanelCall).find({ where: { upgradeId }, order: { id: 'ASC' } }),
    ds.getRepository(EmailLog).find({ where: { upgradeId }, order: { id: 'ASC' } }),
    ds.getRepository(WebhookDelivery).find({ where: { upgradeId }, order: { id: 'ASC' } }),
    upgradeJobs(ds, queues, upgradeId),
  ]);
  const jobStates: UpgradeHistory['jobs'] = [];
  const audit: AuditRow[] = [];
  for (const j of jobs) {
    const rows = await auditRowsFor(ctx, j.queue, [j.jobId]);
    audit.push(...rows);
    const ids = [j.jobId, ...rows.filter((r) => r.action === 'replay').map((r) => r.jobId)];
    for (const jobId of ids) {
      const job = await queues.queue(j.queue).getJob(jobId);
      jobStates.push({
        queue: j.queue,
        jobId,
        state: job ? await job.getState() : 'gone',
        attemptsMade: job?.attemptsMade ?? 0,
        failedReason: job?.failedReason || null,
        finishedAt: job?.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      });
    }
  }
  const history: UpgradeHistory = {
    upgrade,
    invoice: invoiceRow && {
      id: invoiceRow.id,
      status: invoiceRow.status,
      total: money(invoiceRow.total, invoiceRow.currency),
      amountPaid: money(invoiceRow.amountPaid, invoiceRow.currency),
      currency: invoiceRow.currency,
    },
    payments: paymentRows.map((p) => ({
      id: p.id,
      amount: money(p.amount, p.currency),
      gateway: p.gateway,
      transactionId: p.transactionId,
      paidAt: p.paidAt.toISOString(),
    })),
    credits: creditRows.map((c) => ({
      reference: c.reference,
      amount: money(c.amount, c.currency),
      currency: c.currency,
      description: c.description,
      at: c.createdAt.toISOString(),
    })),
    panelCalls: panelRows.map((p) => ({
      at: p.createdAt.toISOString(),
      serverId: p.serverId,
      action: p.action,
      outcome: p.outcome,
      httpStatus: p.httpStatus,
      durationMs: p.durationMs,
      error: p.error,
    })),
    emails: emailRows.map((e) => ({
      key: e.key,
      template: e.template,
      recipient: e.recipient,
      status: e.status,
      at: e.updatedAt.toISOString(),
    })),
    webhooks: webhookRows.map((w) => ({
      id: w.id,
      event: w.event,
      url: redactUrl(w.url),
      status: w.status,
      attempts: w.attempts,
      lastHttpStatus: w.lastHttpStatus,
      at: w.updatedAt.toISOString(),
    })),
    jobs: jobStates,
    audit,
    timeline: [],
  };
  history.timeline = buildTimeline(history);
  return history;
}

function buildTimeline(h: UpgradeHistory): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...h.upgrade.history.map((s) => ({
      at: s.at,
      source: 'status' as const,
      event: `${s.status} (${s.actor})${s.note ? `: ${s.note}` : ''}`,
    })),
    ...h.payments.map((p) => ({
      at: p.paidAt,
      source: 'payment' as const,
      event: `${p.amount} ${h.invoice?.currency ?? ''} via ${p.gateway} ${p.transactionId}`,
    })),
    ...h.credits.map((c) => ({
      at: c.at,
      source: 'credit' as const,
      event: `${c.amount} ${c.currency} ${c.reference}`,
    })),
    ...h.panelCalls.map((p) => ({
      at: p.at,
      source: 'panel' as const,
      event: `server ${p.serverId} ${p.action} ${p.outcome}${p.httpStatus ? ` HTTP ${p.httpStatus}` : ''} ${p.durationMs} ms${p.error ? `: ${p.error}` : ''}`,
    })),
    ...h.emails.map((e) => ({
      at: e.at,
      source: 'email' as const,
      event: `${e.template} to ${e.recipient}: ${e.status}`,
    })),
    ...h.webhooks.map((w) => ({
      at: w.at,
      source: 'webhook' as const,
      event: `${w.event} → ${w.url}: ${w.status} after ${w.attempts} attempt(s)`,
    })),
    ...h.jobs
      .filter((j) => j.finishedAt)
      .map((j) => ({
        at: j.finishedAt!,
        source: 'job' as const,
        event: `${j.queue} ${j.jobId} ${j.state}${j.failedReason ? `: ${j.failedReason}` : ''}`,
      })),
    ...h.audit.map((a) => ({ at: a.at, source: 'ops' as const, event: `${a.who} ${a.action} ${a.queue} ${a.jobId}` })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
