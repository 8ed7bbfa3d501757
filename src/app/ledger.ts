import type { EntityManager } from 'typeorm';
import { CreditLedgerEntry } from '../db/entities/index.js';

/**
 * Adds a credit movement unless one with the same reference exists (INSERT IGNORE on the unique reference),
 * so a step that runs twice credits once. Returns true when this call wrote it.
 */
export async function creditOnce(em: EntityManager, entry: { clientId: number; amount: bigint; currency: string; reference: string; description: string }): Promise<boolean> {
  if (entry.amount === 0n) return false;
  const res = await em.createQueryBuilder().insert().into(CreditLedgerEntry).orIgnore().values(entry).execute();
  return (res.raw as { affectedRows?: number }).affectedRows === 1;
}
