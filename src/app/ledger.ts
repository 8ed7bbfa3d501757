import type { EntityManager } from 'typeorm';
import { CreditLedgerEntry } from '../db/entities/index.js';
import { currencyDecimals } from '../domain/currencies.js';
import { formatMoney } from '../domain/money.js';
import type { PaymentCreditReason } from '../webhooks/index.js';
import { recordPaymentCredited } from './upgrades/webhook-events.js';

/** One movement of a client's credit. `reference` is unique: the same credit is never written twice. */
export interface CreditEntry {
  clientId: number;
  amount: bigint;
  currency: string;
  reference: string;
  description: string;
}

/**
 * Adds a credit movement unless one with the same reference exists (INSERT IGNORE on the unique reference),
 * so a step that runs twice credits once. Returns true when this call wrote it.
 */
export async function creditOnce(em: EntityManager, entry: CreditEntry): Promise<boolean> {
  if (entry.amount === 0n) return false;
  const res = await em.createQueryBuilder().insert().into(CreditLedgerEntry).orIgnore().values(entry).execute();
  return (res.raw as { affectedRows?: number }).affectedRows === 1;
}

/** Where received money came from, for the `payment.credited` event. */
export interface ReceivedMoney {
  paymentId: number | null;
  invoiceId: number;
  upgradeId: number | null;
  reason: PaymentCreditReason;
}

/**
 * Puts received money on the client's account (DESIGN §2: no received money is dropped) — once, by ledger
 * reference — and records `payment.credited` for the front-ends. Returns the webhook deliveries to enqueue.
 */
export async function creditReceivedMoney(
  em: EntityManager,
  webhookUrls: string[],
  entry: CreditEntry,
  from: ReceivedMoney,
): Promise<number[]> {
  if (!(await creditOnce(em, entry))) return [];
  return recordPaymentCredited(em, webhookUrls, entry.reference, {
    paymentId: from.paymentId,
    invoiceId: from.invoiceId,
    clientId: entry.clientId,
    upgradeId: from.upgradeId,
    amount: formatMoney(entry.amount, currencyDecimals(entry.currency) ?? 2),
    currency: entry.currency,
    reason: from.reason,
  });
}
