import { z } from 'zod';
import { currencyDecimals } from '../../domain/currencies.js';
import { formatMoney, MONEY_RANGE_MESSAGE, parseMoney, withinMoneyRange } from '../../domain/money.js';
import { Invoice, Payment } from '../../db/entities/index.js';
import type { AppContext } from '../app-context.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/index.js';
import { runStep, type FollowUp } from '../follow-ups.js';
import { creditOnce } from '../ledger.js';

/** The body of `POST /v1/invoices/:id/payments`. */
export const paymentRequestSchema = z.object({
  amount: z.string().regex(/^\d+(\.\d+)?$/, 'expected a positive decimal string such as "10.99"').refine(withinMoneyRange, MONEY_RANGE_MESSAGE),
  gateway: z.string().min(1).max(50).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
  transactionId: z.string().min(1).max(128),
  paidAt: z.iso.datetime({ offset: true }).optional(),
}).strict();
export type PaymentRequest = z.infer<typeof paymentRequestSchema>;

/** What the API answers (202). */
export interface RecordedPayment {
  paymentId: number;
  invoiceId: number;
  /** True when this gateway transaction had been recorded before: nothing changed. */
  duplicate: boolean;
  invoiceStatus: Invoice['status'];
  amountPaid: string;
  /** Part of this payment that went to the client's credit (overpayment). */
  credited: string;
}

/**
 * Records a payment once per (gateway, transactionId). The invoice row is locked, so concurrent payments
 * are applied one after the other: a part payment leaves it unpaid; the payment that reaches the total marks
 * it paid and enqueues `invoice-paid` after commit; anything beyond the total goes to the client's credit.
 */
export async function recordPayment(ctx: AppContext, invoiceId: number, body: PaymentRequest): Promise<RecordedPayment> {
  return runStep(ctx, async (em) => {
    const invoice = await em.getRepository(Invoice).createQueryBuilder('i').setLock('pessimistic_write').where('i.id = :id', { id: invoiceId }).getOne();
    if (!invoice) throw new NotFoundError('invoice', invoiceId);
    const decimals = currencyDecimals(invoice.currency)!;
    const view = (payment: Payment, duplicate: boolean, credited: bigint): { result: RecordedPayment; followUps: FollowUp[] } => ({
      result: {
        paymentId: payment.id, invoiceId, duplicate, invoiceStatus: invoice.status,
        amountPaid: formatMoney(invoice.amountPaid, decimals), credited: formatMoney(credited, decimals),
      },
      followUps: invoice.status === 'paid' && invoice.upgradeId ? [{ queue: 'invoice-paid', payload: { invoiceId } }] : [],
    });

    const existing = await em.findOneBy(Payment, { gateway: body.gateway, transactionId: body.transactionId });
    if (existing) {
      if (existing.invoiceId !== invoiceId) throw new ConflictError('duplicate_transaction', `transactionId: ${body.gateway} transaction ${body.transactionId} is already recorded on invoice ${existing.invoiceId}`);
      return view(existing, true, 0n);
    }
    let amount: bigint;
    try { amount = parseMoney(body.amount, decimals, 'amount'); } catch (err) {
      throw new ValidationError((err as Error).message, [{ field: 'amount', message: `at most ${decimals} decimals for ${invoice.currency}` }]);
    }
    if (amount <= 0n) throw new ValidationError('amount must be greater than zero', [{ field: 'amount', message: 'must be greater than zero' }]);
    if (invoice.status === 'cancelled') throw new ConflictError('invoice_cancelled', `invoice ${invoiceId} is cancelled and takes no payments`);

    const payment = em.create(Payment, {
      invoiceId, gateway: body.gateway, transactionId: body.transactionId, amount, currency: invoice.currency,
      paidAt: body.paidAt ? new Date(body.paidAt) : ctx.clock.now(),
    });
    await em.insert(Payment, payment);
    const due = invoice.status === 'paid' ? 0n : invoice.total - invoice.amountPaid;
    const applied = amount < due ? amount : due;
    const credited = amount - applied;
    const patch: Partial<Invoice> = { amountPaid: invoice.amountPaid + applied };
    if (invoice.status === 'unpaid' && patch.amountPaid! >= invoice.total) Object.assign(patch, { status: 'paid', paidAt: payment.paidAt });
    await em.update(Invoice, { id: invoiceId }, patch);
    Object.assign(invoice, patch);
    await creditOnce(em, {
      clientId: invoice.clientId, amount: credited, currency: invoice.currency,
      reference: `overpayment-${payment.id}`, description: `Overpayment on invoice #${invoiceId} (${body.gateway} ${body.transactionId})`.slice(0, 255),
    });
    return view(payment, false, credited);
  }, { bestEffortEnqueue: true });
}
