import type { Quote } from '../../domain/quote/index.js';

/** Plain-text output of the demo, one section per step, readable in any terminal or CI log. */
export class DemoPrinter {
  constructor(private readonly out: NodeJS.WritableStream = process.stdout) {}

  line(text = ''): void {
    this.out.write(`${text}\n`);
  }

  heading(text: string): void {
    this.line();
    this.line(text);
    this.line('─'.repeat(Math.min(text.length, 78)));
  }

  quote(q: Quote, currency: string): void {
    const days =
      q.days === null
        ? 'no proration (free or one-time service)'
        : `${q.days} of ${q.totalDays} days left in the current period (new period: ${q.newTotalDays} days)`;
    this.line(`  ${q.direction}, ${q.timing}: ${days}`);
    for (const l of q.lines) this.line(`  line   ${l.description}: credit ${l.credit}, debit ${l.debit}`);
    this.line(`  credit ${q.credit}  debit ${q.debit}  subtotal ${q.subtotal}  discount ${q.discount}`);
    for (const t of q.taxes) this.line(`  tax    ${t.name} ${t.rate}%: ${t.amount}`);
    this.line(
      `  total  ${q.total} ${currency}${q.creditToAccount !== '0.00' && q.creditToAccount !== '0' ? `  (credit to account: ${q.creditToAccount})` : ''}`,
    );
    this.line(
      `  from then on: ${q.newRecurringAmount} ${currency} ${q.newBillingCycle}, next due ${q.newNextDueDate ?? '—'}`,
    );
  }

  timeline(history: Array<{ status: string; at: string; actor: string }>, startedAt: number): void {
    for (const h of history) {
      const ms = Date.parse(h.at) - startedAt;
      this.line(`  ${h.at.slice(11, 23)}  +${String(ms).padStart(5)} ms  ${h.status.padEnd(20)} by ${h.actor}`);
    }
  }
}
