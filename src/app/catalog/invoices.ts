import type { AppContext } from '../app-context.js';
import { InvoiceLine, type InvoiceLineKind } from '../../db/entities/invoice-line.entity.js';
import { Invoice, type InvoiceStatus } from '../../db/entities/invoice.entity.js';
import { NotFoundError } from '../errors.js';
import { toMoneyString } from './catalog-money.js';

/** An invoice as the API shows it; all amounts are money strings in `currency`. */
export interface InvoiceResource {
  id: number;
  clientId: number;
  serviceId: number | null;
  /** Set for upgrade invoices. */
  upgradeId: number | null;
  type: 'upgrade' | 'renewal';
  status: InvoiceStatus;
  currency: string;
  subtotal: string;
  discount: string;
  tax: string;
  total: string;
  amountPaid: string;
  dueDate: string;
  /** ISO 8601 instant, null until paid. */
  paidAt: string | null;
  lines: Array<{ kind: InvoiceLineKind; description: string; amount: string }>;
}

/** The API's view of an invoice and its lines (lines in display order). */
export function toInvoiceResource(invoice: Invoice, lines: readonly InvoiceLine[]): InvoiceResource {
  const money = (minor: bigint) => toMoneyString(minor, invoice.currency);
  return {
    id: invoice.id,
    clientId: invoice.clientId,
    serviceId: invoice.serviceId,
    upgradeId: invoice.upgradeId,
    type: invoice.type,
    status: invoice.status,
    currency: invoice.currency,
    subtotal: money(invoice.subtotal),
    discount: money(invoice.discount),
    tax: money(invoice.tax),
    total: money(invoice.total),
    amountPaid: money(invoice.amountPaid),
    dueDate: invoice.dueDate,
    paidAt: invoice.paidAt ? invoice.paidAt.toISOString() : null,
    lines: lines.map((l) => ({ kind: l.kind, description: l.description, amount: money(l.amount) })),
  };
}

/** `GET /v1/invoices/:id`. */
export async function getInvoice(ctx: AppContext, id: number): Promise<InvoiceResource> {
  const invoice = await ctx.ds.getRepository(Invoice).findOneBy({ id });
  if (!invoice) throw new NotFoundError('invoice', id);
  const lines = await ctx.ds
    .getRepository(InvoiceLine)
    .find({ where: { invoiceId: id }, order: { sortOrder: 'ASC', id: 'ASC' } });
  return toInvoiceResource(invoice, lines);
}
