import type { EntityManager } from 'typeorm';
import { formatMoney, parseMoney } from '../../domain/money.js';
import type { Quote } from '../../domain/quote/index.js';
import { Invoice, InvoiceLine, type Upgrade } from '../../db/entities/index.js';
import { insertRows } from '../../db/row-writer.js';

/**
 * Writes the invoice of a priced upgrade: one item line per quote line (its debit less its credit), a
 * rounding line when the rounded lines do not add up to the subtotal (the quote rounds the unrounded net
 * once, DESIGN §3), the promotion discount, and one line per tax level. The invoice total is the quote's.
 */
export interface UpgradeInvoiceOptions {
  decimals: number;
  dueDate: string;
  /** Inclusive tax: the tax lines are shown but already part of the total. */
  inclusiveTax: boolean;
}

export async function createUpgradeInvoice(
  em: EntityManager,
  upgrade: Upgrade,
  quote: Quote,
  opts: UpgradeInvoiceOptions,
): Promise<Invoice> {
  const { decimals, dueDate, inclusiveTax: inclusive } = opts;
  const m = (v: string, field: string) => parseMoney(v, decimals, field);
  const subtotal = m(quote.subtotal, 'subtotal');
  const discount = m(quote.discount, 'discount');
  const taxes = quote.taxes.map((t) => ({ ...t, minor: m(t.amount, 'taxes.amount') }));
  const tax = taxes.reduce((s, t) => s + t.minor, 0n);
  const values = {
    clientId: upgrade.clientId,
    serviceId: upgrade.serviceId,
    upgradeId: upgrade.id,
    type: 'upgrade',
    status: 'unpaid',
    currency: upgrade.currency,
    subtotal,
    discount,
    tax,
    total: m(quote.total, 'total'),
    amountPaid: 0n,
    dueDate,
    paidAt: null,
  } satisfies Partial<Invoice>;
  const { insertId } = await insertRows(em, Invoice, [values]);
  const invoice = em.create(Invoice, { ...values, id: insertId });

  const lines: Array<Pick<InvoiceLine, 'kind' | 'description' | 'amount'>> = quote.lines.map((l) => ({
    kind: 'item',
    description: `${l.description} (debit ${l.debit}, credit ${l.credit})`,
    amount: m(l.debit, 'debit') - m(l.credit, 'credit'),
  }));
  const rounding = subtotal - lines.reduce((s, l) => s + l.amount, 0n);
  if (rounding !== 0n) lines.push({ kind: 'item', description: 'Rounding of prorated amounts', amount: rounding });
  if (discount !== 0n) lines.push({ kind: 'discount', description: 'Promotion discount', amount: -discount });
  for (const t of taxes) {
    lines.push({
      kind: 'tax',
      description: `${t.name} ${t.rate}%${inclusive ? ' (included)' : ''} on ${formatMoney(subtotal - discount, decimals)}`,
      amount: t.minor,
    });
  }
  await insertRows(
    em,
    InvoiceLine,
    lines.map((l, i) => ({
      kind: l.kind,
      description: l.description,
      amount: l.amount,
      invoiceId: invoice.id,
      sortOrder: i,
    })),
  );
  return invoice;
}
