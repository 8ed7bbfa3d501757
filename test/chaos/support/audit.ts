import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { TERMINAL_STATUSES } from '../../../src/domain/upgrade-status.js';
import type { FakeWhmFarm } from './fake-whm-farm.js';
import type { FleetCatalog } from './upgrade-catalog.js';

/** The numbers of one audit; `problems` is empty when nothing was lost or done twice. */
export interface AuditReport {
  upgrades: number;
  statuses: Record<string, number>;
  /** Upgrades not in a terminal state (completed, cancelled, rejected). */
  notTerminal: number;
  invoices: number;
  paidInvoices: number;
  payments: number;
  /** Invoices with more than one payment, more paid than the total, or a second move to `paid`. */
  invoicesPaidTwice: number;
  /** ChangePackage writes the fake panels applied, in total and to accounts that got more than one. */
  panelWrites: number;
  accountsWrittenTwice: number;
  /** Completed upgrades whose panel account is not on the new package. */
  completedNotOnPanel: number;
  /** Emails in the outbox, and (client, template) pairs that got more than one. */
  emails: number;
  clientsEmailedTwice: number;
  /** Notices to staff (provisioning failed: one per upgrade, to one mailbox). */
  staffNotices: number;
  /** Completed upgrades without exactly one completion email, and invoiced ones without exactly one invoice email. */
  completedWithoutEmail: number;
  invoicedWithoutEmail: number;
  /** Email log rows not `sent` (a claim left behind). */
  emailLogNotSent: number;
  /** Minor units: payments received, applied to invoices, and credited to accounts. */
  ledger: { received: string; applied: string; credited: string; balanced: boolean };
  problems: string[];
}

type Row = Record<string, string | number | null>;

/**
 * The end-of-scenario audit of DESIGN §2's promises, from the sources of truth: the database, the fake panels' own
 * account state (writes counted by the farm, not by Upshift's call log) and the outbox files. Checks that every
 * upgrade reached a terminal state, no invoice was paid twice, no account got two ChangePackage writes, no client
 * got two emails of one kind, and the money balances: every payment is either on an invoice or in the client's credit.
 */
export async function auditRun(
  ds: DataSource,
  farm: FakeWhmFarm,
  catalog: FleetCatalog,
  outboxDir: string,
  staffEmail: string,
): Promise<AuditReport> {
  const problems: string[] = [];
  const q = (sql: string, params: unknown[] = []) => ds.query<Promise<Row[]>>(sql, params);
  const n = (v: string | number | null | undefined) => Number(v ?? 0);

  const statusRows = await q('SELECT status, COUNT(*) AS n FROM upgrades GROUP BY status');
  const statuses = Object.fromEntries(statusRows.map((r) => [String(r.status), n(r.n)]));
  const upgrades = Object.values(statuses).reduce((a, b) => a + b, 0);
  const notTerminal = upgrades - TERMINAL_STATUSES.reduce((sum, s) => sum + (statuses[s] ?? 0), 0);
  if (notTerminal > 0) problems.push(`${notTerminal} upgrades not terminal: ${JSON.stringify(statuses)}`);

  const [inv] =
    await q(`SELECT COUNT(*) AS invoices, SUM(status = 'paid') AS paid, COALESCE(SUM(amountPaid), 0) AS applied,
    SUM(amountPaid > total) AS overpaid, SUM(status = 'paid' AND amountPaid <> total) AS wrongPaid FROM invoices`);
  const [pay] = await q('SELECT COUNT(*) AS payments, COALESCE(SUM(amount), 0) AS received FROM payments');
  const [multi] = await q(
    'SELECT COUNT(*) AS n FROM (SELECT invoiceId FROM payments GROUP BY invoiceId HAVING COUNT(*) > 1) m',
  );
  const [twicePaid] = await q(
    `SELECT COUNT(*) AS n FROM (SELECT upgradeId FROM upgrade_transitions WHERE toStatus = 'paid' GROUP BY upgradeId HAVING COUNT(*) > 1) t`,
  );
  const invoicesPaidTwice = n(multi?.n) + n(inv?.overpaid) + n(inv?.wrongPaid) + n(twicePaid?.n);
  if (invoicesPaidTwice > 0)
    problems.push(
      `invoices paid twice: ${n(multi?.n)} with several payments, ${n(inv?.overpaid)} overpaid, ${n(inv?.wrongPaid)} paid with another amount, ${n(twicePaid?.n)} upgrades moved to paid twice`,
    );
  const [wrongTotal] = await q(
    'SELECT COUNT(*) AS n FROM upgrades u JOIN invoices i ON i.id = u.invoiceId WHERE i.total <> u.total',
  );
  if (n(wrongTotal?.n) > 0) problems.push(`${n(wrongTotal?.n)} invoices whose total is not the upgrade's quoted total`);

  // Money: every payment is on an invoice or credited to the client (overpayment, refund of an upgrade not applied).
  const [credit] = await q('SELECT COALESCE(SUM(amount), 0) AS credited FROM credit_ledger');
  const received = BigInt(pay?.received ?? 0);
  const applied = BigInt(inv?.applied ?? 0);
  const credited = BigInt(credit?.credited ?? 0);
  const [refunded] = await q(
    `SELECT COALESCE(SUM(amount), 0) AS n FROM credit_ledger WHERE reference LIKE 'refund-upgrade-%'`,
  );
  const balanced = received === applied + credited - BigInt(refunded?.n ?? 0);
  if (!balanced)
    problems.push(
      `ledger: received ${received}, applied to invoices ${applied}, credited ${credited} (refunds ${refunded?.n})`,
    );

  // The panels' truth.
  const byService = new Map(catalog.services.map((s) => [s.id, s]));
  const completed = await q(
    `SELECT u.id, u.serviceId, u.clientId, s.productId, s.recurringAmount FROM upgrades u JOIN services s ON s.id = u.serviceId WHERE u.status = 'completed'`,
  );
  const panelWrites = catalog.services.reduce((sum, s) => sum + farm.writesTo(s.username), 0);
  const accountsWrittenTwice = catalog.services.filter((s) => farm.writesTo(s.username) > 1).length;
  if (accountsWrittenTwice > 0)
    problems.push(`${accountsWrittenTwice} panel accounts got more than one ChangePackage write`);
  let completedNotOnPanel = 0;
  let notApplied = 0;
  for (const row of completed) {
    const service = byService.get(n(row.serviceId));
    if (!service || farm.packageOf(service.username) !== 'pro' || farm.writesTo(service.username) !== 1)
      completedNotOnPanel += 1;
    if (n(row.productId) !== catalog.proId || String(row.recurringAmount) !== '2500') notApplied += 1;
  }
  if (completedNotOnPanel > 0)
    problems.push(
      `${completedNotOnPanel} completed upgrades whose panel account is not on 'pro' after exactly one write`,
    );
  if (notApplied > 0) problems.push(`${notApplied} completed upgrades whose service is not on Pro at 25.00`);

  // Emails: one file per (recipient, template); every completed upgrade has its completion email.
  const files = (await readdir(outboxDir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
  const perClient = new Map<string, number>();
  let staffNotices = 0;
  const sentFor = new Map<string, number>();
  for (const file of files) {
    const [, template, id] = /^email_([a-z-]+)_(\d+)/.exec(file) ?? [];
    const head = (await readFile(join(outboxDir, file), 'utf8')).split('\r\n\r\n', 1)[0];
    const to = /^To: (.*)$/m.exec(head)?.[1]?.trim() ?? '?';
    if (to === staffEmail) staffNotices += 1;
    else perClient.set(`${to} ${template ?? file}`, (perClient.get(`${to} ${template ?? file}`) ?? 0) + 1);
    sentFor.set(`${template}:${id}`, (sentFor.get(`${template}:${id}`) ?? 0) + 1);
  }
  const clientsEmailedTwice = [...perClient.values()].filter((c) => c > 1).length;
  if (clientsEmailedTwice > 0) problems.push(`${clientsEmailedTwice} (client, template) pairs got more than one email`);
  const completedWithoutEmail = completed.filter((r) => sentFor.get(`upgrade-completed:${n(r.id)}`) !== 1).length;
  if (completedWithoutEmail > 0)
    problems.push(`${completedWithoutEmail} completed upgrades without exactly one completion email`);
  const invoiced = await q('SELECT upgradeId AS id FROM invoices WHERE upgradeId IS NOT NULL');
  const invoicedWithoutEmail = invoiced.filter((r) => sentFor.get(`upgrade-invoice-issued:${n(r.id)}`) !== 1).length;
  if (invoicedWithoutEmail > 0)
    problems.push(`${invoicedWithoutEmail} invoiced upgrades without exactly one invoice email`);
  const [logNotSent] = await q(`SELECT COUNT(*) AS n FROM email_log WHERE status <> 'sent'`);
  if (n(logNotSent?.n) > 0) problems.push(`${n(logNotSent?.n)} email log rows not sent`);

  return {
    upgrades,
    statuses,
    notTerminal,
    invoices: n(inv?.invoices),
    paidInvoices: n(inv?.paid),
    payments: n(pay?.payments),
    invoicesPaidTwice,
    panelWrites,
    accountsWrittenTwice,
    completedNotOnPanel,
    emails: files.length,
    clientsEmailedTwice,
    staffNotices,
    completedWithoutEmail,
    invoicedWithoutEmail,
    emailLogNotSent: n(logNotSent?.n),
    ledger: { received: received.toString(), applied: applied.toString(), credited: credited.toString(), balanced },
    problems,
  };
}
