import type { EntityManager } from 'typeorm';
import { OPEN_TERM_END, ServiceTerm } from '../db/entities/index.js';
import { lockForUpdate } from '../db/lock-for-update.js';
import { insertRows, updateRows } from '../db/row-writer.js';
import type { TermBalance } from '../domain/credit-cap.js';

/** The term a service is in: the one ending at its next due date, or the open-ended one of free/one-time services. */
export function termEndOf(nextDueDate: string | null): string {
  return nextDueDate ?? OPEN_TERM_END;
}

/** What a service is: enough to name its term and open it. */
export interface TermOwner {
  id: number;
  nextDueDate: string | null;
  recurringAmount: bigint;
  currency: string;
}

/**
 * Opens the service's current term if Upshift has not seen it yet, as paid for with the recurring amount as billed
 * (a term Upshift first meets was billed by the front-end at the service's recurring amount). INSERT IGNORE, so
 * an open term is never reset. Call it before anything changes the service's amount or due date.
 */
export async function openTerm(em: EntityManager, service: TermOwner): Promise<void> {
  await insertRows(
    em,
    ServiceTerm,
    [
      {
        serviceId: service.id,
        termEnd: termEndOf(service.nextDueDate),
        currency: service.currency,
        paidFor: service.recurringAmount,
        credited: 0n,
      },
    ],
    { ignore: true },
  );
}

/** A service's current term as {@link lockTerm} found it: its balance, and whether its row exists yet. */
export interface LockedTerm extends TermBalance {
  /** False for a term Upshift meets for the first time: {@link saveTerm} inserts it. */
  stored: boolean;
}

/**
 * Row-locks the service's current term in the caller's transaction and returns its balance; a term not stored yet
 * reads as opened (paid for with the recurring amount, nothing credited) and is written by {@link saveTerm}. The
 * caller holds the service row's lock, so no other step can open the same term meanwhile.
 */
export async function lockTerm(em: EntityManager, service: TermOwner): Promise<LockedTerm> {
  const term = await lockForUpdate(em, ServiceTerm, { serviceId: service.id, termEnd: termEndOf(service.nextDueDate) });
  return term
    ? { paidFor: term.paidFor, credited: term.credited, stored: true }
    : { paidFor: service.recurringAmount, credited: 0n, stored: false };
}

/** Writes the term's new balance after {@link lockTerm} in the same transaction: inserted when new, else updated if changed. */
export async function saveTerm(
  em: EntityManager,
  service: TermOwner,
  locked: LockedTerm,
  balance: TermBalance,
): Promise<void> {
  const termEnd = termEndOf(service.nextDueDate);
  const { paidFor, credited } = balance;
  if (!locked.stored)
    await insertRows(em, ServiceTerm, [
      { serviceId: service.id, termEnd, currency: service.currency, paidFor, credited },
    ]);
  else if (paidFor !== locked.paidFor || credited !== locked.credited)
    await updateRows(em, ServiceTerm, { paidFor, credited }, { serviceId: service.id, termEnd });
}

/** Adds money paid towards a term that a change starts (created when new, added to when it exists). */
export async function payIntoTerm(
  em: EntityManager,
  serviceId: number,
  termEnd: string,
  currency: string,
  amount: bigint,
): Promise<void> {
  await em.query(
    'INSERT INTO service_terms (serviceId, termEnd, currency, paidFor, credited) VALUES (?, ?, ?, ?, 0) ON DUPLICATE KEY UPDATE paidFor = paidFor + VALUES(paidFor)',
    [serviceId, termEnd, currency, amount.toString()],
  );
}
