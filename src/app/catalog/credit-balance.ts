import type { EntityManager } from 'typeorm';

/** A client's account credit in minor units of `currency`: the sum of its ledger rows in that currency. */
export async function creditBalance(em: EntityManager, clientId: number, currency: string): Promise<bigint> {
  const [row] = await em.query<Array<{ balance: string | number }>>(
    'SELECT COALESCE(SUM(amount), 0) AS balance FROM credit_ledger WHERE clientId = ? AND currency = ?',
    [clientId, currency],
  );
  return BigInt(row?.balance ?? 0);
}
