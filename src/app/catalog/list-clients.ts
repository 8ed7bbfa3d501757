import type { EntityManager } from 'typeorm';
import { Client } from '../../db/entities/client.entity.js';
import type { AppContext } from '../app-context.js';
import { toClientResource, type ClientResource } from './clients.js';
import { decodeCursor, pageLimit, toPage, type Page, type PageRequest } from './list-page.js';

/** Each client's credit balance in its own currency, in one grouped query (minor units). */
async function creditBalances(em: EntityManager, clients: Client[]): Promise<Map<number, bigint>> {
  if (clients.length === 0) return new Map();
  const rows = await em.query<Array<{ clientId: number; currency: string; balance: string | number }>>(
    `SELECT clientId, currency, COALESCE(SUM(amount), 0) AS balance FROM credit_ledger WHERE clientId IN (${clients.map(() => '?').join(',')}) GROUP BY clientId, currency`,
    clients.map((c) => c.id),
  );
  const currencyOf = new Map(clients.map((c) => [c.id, c.currency]));
  return new Map(
    rows
      .filter((r) => currencyOf.get(Number(r.clientId)) === r.currency)
      .map((r) => [Number(r.clientId), BigInt(r.balance)]),
  );
}

/** `GET /v1/clients`: every client with its credit balance, newest first (by id), one page at a time. */
export async function listClients(ctx: AppContext, req: PageRequest): Promise<Page<ClientResource>> {
  const limit = pageLimit(req);
  const qb = ctx.ds
    .getRepository(Client)
    .createQueryBuilder('c')
    .orderBy('c.id', 'DESC')
    .limit(limit + 1);
  if (req.cursor !== undefined) qb.where('c.id < :after', { after: decodeCursor(req.cursor, {}, ['id'])[0] });
  const { rows, next } = toPage(await qb.getMany(), limit, (c) => [c.id], {});
  const balances = await creditBalances(ctx.ds.manager, rows);
  return { items: rows.map((c) => toClientResource(c, balances.get(c.id) ?? 0n)), next };
}
