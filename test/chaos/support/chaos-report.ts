import type { AuditReport } from './audit.js';

/** What one scenario did to the system and what the audit found afterwards. */
export interface ChaosOutcome {
  scenario: string;
  /** The faults injected, in words and numbers (kills, outage seconds, connections killed, …). */
  faults: Record<string, number | string>;
  /** Seconds from the first order until every upgrade had settled. */
  seconds: number;
  /** Jobs BullMQ holds as failed for good, per queue (each needs ops); only queues with some. */
  failedJobs: Record<string, number>;
  audit: AuditReport;
}

/**
 * Prints a scenario's outcome as one readable block and one `chaos-outcome` JSON line (docs/RELIABILITY.md is
 * written from these), and returns the audit's problems so the test can assert there are none.
 */
export function reportOutcome(outcome: ChaosOutcome): string[] {
  const a = outcome.audit;
  const lines = [
    `  ${outcome.scenario}: ${Object.entries(outcome.faults)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; settled in ${outcome.seconds.toFixed(1)} s`,
    `    upgrades ${a.upgrades} ${JSON.stringify(a.statuses)}; invoices ${a.invoices} (paid ${a.paidInvoices}), payments ${a.payments}, paid twice ${a.invoicesPaidTwice}`,
    `    panel writes ${a.panelWrites}, accounts written twice ${a.accountsWrittenTwice}, completed but not on the panel ${a.completedNotOnPanel}`,
    `    emails ${a.emails}, clients emailed twice ${a.clientsEmailedTwice}, staff notices ${a.staffNotices}, completed/invoiced without one email ${a.completedWithoutEmail}/${a.invoicedWithoutEmail}, email log not sent ${a.emailLogNotSent}`,
    `    ledger received ${a.ledger.received} = applied ${a.ledger.applied} + credited ${a.ledger.credited}: ${a.ledger.balanced ? 'balanced' : 'NOT BALANCED'}`,
    `    jobs failed for good: ${JSON.stringify(outcome.failedJobs)}; problems: ${a.problems.length === 0 ? 'none' : a.problems.join('; ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\nchaos-outcome ${JSON.stringify(outcome)}\n`);
  return a.problems;
}
