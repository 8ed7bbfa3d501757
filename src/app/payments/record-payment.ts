import { currencyDecimals } from '../../domain/currencies.js';
import { formatMoney, parseMoney } from '../../domain/money.js';
import { Invoice, Payment } from '../../db/entities/index.js';
import { lockForUpdate } from '../../db/lock-for-update.js';
import { readRow } from '../../db/row-reader.js';
import { insertRows, updateRows } from '../../db/row-writer.js';
import { isDuplicateKeyError } from '../../db/duplicate-key.js';
import type { AppContext } from '../app-context.js';
import { BusinessRuleError, NotFoundError, ConflictError, ValidationError } from '../errors.js';
import { runStep, type FollowUp } from '../run-step.js';
import { creditReceivedMoney } from '../ledger.js';
import { webhookJobs } from '../upgrades/upgrade-follow-ups.js';

/** A payment as a gateway reports it (DESIGN §4; validated by src/api/schemas/payment-body.ts). */
export interface PaymentRequest {
  /** Decimal string, at most the invoice currency's decimals. */
  amount: string;
  /** ISO 4217 code of the money received. @defaultValue the invoice's currency */
  currency?: string;
  gateway: string;
  /** Unique per gateway: the same callback twice records once. */
  transactionId: string;
  /** ISO 8601 instant the gateway took the money. @defaultValue now */
  paidAt?: string;
}

/** How far a gateway's clock may run ahead of ours before its `paidAt` counts as "in the future". */
export const PAID_AT_CLOCK_SKEW_MS = 5 * 60_000;

/** What happened to a payment. */
export type PaymentOutcome =
  /** It completed the invoice (any excess went to the account). */
  | 'invoice_paid'
  /** It paid part of the invoice; the invoice stays unpaid. */
  | 'part_payment'
  /** The invoice takes no more money (cancelled, expired, replaced, or already paid): all of it went to the account. */
  | 'credited_to_account';

/** What the API answers (202). */
export interface RecordedPayment {
  paymentId: number;
  invoiceId: number;
  /** True when this gateway transaction had been recorded before: nothing changed. */
  duplicate: boolean;
  outcome: PaymentOutcome;
  invoiceStatus: Invoice['status'];
  amountPaid: string;
  /** Part of this payment that went to the client's credit (overpayment, or an invoice that takes no payments). */
  credited: string;
  currency: string;
}

/** The payment's amount in minor units, after checking its currency and decimals against the invoice. */
function checkedAmount(body: PaymentRequest, invoice: Invoice): bigint {
  const decimals = currencyDecimals(invoice.currency)!;
  if (body.currency !== undefined && body.currency !== invoice.currency) {
    throw new BusinessRuleError(
      'currency_mismatch',
      `currency: invoice ${invoice.id} is in ${invoice.currency}, the payment is in ${body.currency}`,
      [{ field: 'currency', message: `must be ${invoice.currency}, the invoice's currency` }],
    );
  }
  let amount: bigint;
  try {
    amount = parseMoney(body.amount, decimals, 'amount');
  } catch (err) {
    throw new ValidationError((err as Error).message, [
      { field: 'amount', message: `at most ${decimals} decimals for ${invoice.currency}` },
    ]);
  }
  if (amount <= 0n)
    throw new ValidationError('amount must be greater than zero', [
      { field: 'amount', message: 'must be greater than zero' },
    ]);
  return amount;
}

/**
 * Records a payment once per (gateway, transactionId). The invoice row is locked, so concurrent payments are applied
 * one after the other: a part payment leaves it unpaid; the payment that reaches the total marks it paid and enqueues
 * `invoice-paid` after commit; anything beyond the total goes to the client's credit. No received money is dropped
 * (DESIGN §2): a payment for a cancelled invoice (cancelled by staff, the client, expiry or a `replace` order) is
 * recorded and credited to the account in full, with a `payment.credited` webhook.
 */
export async function recordPayment(
  ctx: AppContext,
  invoiceId: number,
  body: PaymentRequest,
): Promise<RecordedPayment> {
  const paidAt = body.paidAt ? new Date(body.paidAt) : null;
  if (paidAt && paidAt.getTime() > ctx.clock.now().getTime() + PAID_AT_CLOCK_SKEW_MS) {
    throw new BusinessRuleError(
      'paid_at_in_future',
      `paidAt: ${body.paidAt} is in the future; send the time the gateway took the money`,
      [{ field: 'paidAt', message: 'must not be in the future' }],
    );
  }
  return runStep(
    ctx,
    async (em) => {
      const invoice = await lockForUpdate(em, Invoice, { id: invoiceId });
      if (!invoice) throw new NotFoundError('invoice', invoiceId);
      const decimals = currencyDecimals(invoice.currency)!;
      const view = (
        payment: Payment,
        duplicate: boolean,
        credited: bigint,
        outcome: PaymentOutcome,
        deliveries: number[] = [],
      ): { result: RecordedPayment; followUps: FollowUp[] } => ({
        result: {
          paymentId: payment.id,
          invoiceId,
          duplicate,
          outcome,
          invoiceStatus: invoice.status,
          amountPaid: formatMoney(invoice.amountPaid, decimals),
          credited: formatMoney(credited, decimals),
          currency: invoice.currency,
        },
        followUps: [
          ...(invoice.status === 'paid' && invoice.upgradeId
            ? [{ queue: 'invoice-paid' as const, payload: { invoiceId } }]
            : []),
          ...webhookJobs(deliveries),
        ],
      });

      // A gateway callback repeated: nothing changes; the outcome describes where the invoice stands.
      const repeated = (existing: Payment) => {
        if (existing.invoiceId !== invoiceId)
          throw new ConflictError(
            'duplicate_transaction',
            `transactionId: ${body.gateway} transaction ${body.transactionId} is already recorded on invoice ${existing.invoiceId}`,
          );
        return view(
          existing,
          true,
          0n,
          invoice.status === 'paid'
            ? 'invoice_paid'
            : invoice.status === 'cancelled'
              ? 'credited_to_account'
              : 'part_payment',
        );
      };
      const recorded = () => readRow(em, Payment, { gateway: body.gateway, transactionId: body.transactionId });
      let amount: bigint;
      try {
        amount = checkedAmount(body, invoice);
      } catch (err) {
        // A repeat is answered as before even if this copy of the callback would not pass the checks.
        const existing = await recorded();
        if (existing) return repeated(existing);
        throw err;
      }

      const values = {
        invoiceId,
        gateway: body.gateway,
        transactionId: body.transactionId,
        amount,
        currency: invoice.currency,
        paidAt: paidAt ?? ctx.clock.now(),
      };
      // Inserted first, the unique (gateway, transactionId) key deciding: a repeat costs a read, a new payment none.
      let insertId: number;
      try {
        insertId = (await insertRows(em, Payment, [values])).insertId;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const existing = await recorded();
        if (!existing) throw err;
        return repeated(existing);
      }
      const payment = em.create(Payment, { ...values, id: insertId });
      const due = invoice.status === 'unpaid' ? invoice.total - invoice.amountPaid : 0n;
      const applied = amount < due ? amount : due;
      const credited = amount - applied;
      const wasUnpaid = invoice.status === 'unpaid';
      if (applied > 0n) {
        const patch: Partial<Invoice> = { amountPaid: invoice.amountPaid + applied };
        if (patch.amountPaid! >= invoice.total) Object.assign(patch, { status: 'paid', paidAt: payment.paidAt });
        await updateRows(em, Invoice, patch, { id: invoiceId });
        Object.assign(invoice, patch);
      }
      const deliveries = await creditReceivedMoney(
        em,
        ctx.config.webhookUrls,
        {
          clientId: invoice.clientId,
          amount: credited,
          currency: invoice.currency,
          reference: `${wasUnpaid ? 'overpayment' : `payment-${invoice.status}-invoice`}-${payment.id}`,
          description:
            `${wasUnpaid ? 'Overpayment on' : `Payment received for ${invoice.status}`} invoice #${invoiceId} (${body.gateway} ${body.transactionId})`.slice(
              0,
              255,
            ),
        },
        {
          paymentId: payment.id,
          invoiceId,
          upgradeId: invoice.upgradeId,
          reason: wasUnpaid ? 'overpayment' : invoice.status === 'cancelled' ? 'invoice_cancelled' : 'overpayment',
        },
      );
      const outcome: PaymentOutcome =
        applied === 0n ? 'credited_to_account' : invoice.status === 'paid' ? 'invoice_paid' : 'part_payment';
      return view(payment, false, credited, outcome, deliveries);
    },
    { bestEffortEnqueue: true },
  );
}
