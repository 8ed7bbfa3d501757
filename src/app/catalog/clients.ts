import { Client, type TaxRate } from '../../db/entities/client.entity.js';
import { toMoneyString } from './catalog-money.js';
import type { EntityManager } from 'typeorm';
import type { AppContext } from '../app-context.js';
import { NotFoundError } from '../errors.js';

/** A client as the API shows it, with its account credit. */
export interface ClientResource {
  id: number;
  email: string;
  name: string;
  currency: string;
  taxRates: TaxRate[];
  taxCompound: boolean;
  taxInclusive: boolean;
  taxExempt: boolean;
  /** Sum of the credit ledger, as a money string in the client's currency. */
  creditBalance: string;
}

export function toClientResource(c: Client, balance: bigint): ClientResource {
  return {
    id: c.id,
    email: c.email,
    name: c.name,
    currency: c.currency,
    taxRates: c.taxRates,
    taxCompound: c.taxCompound,
    taxInclusive: c.taxInclusive,
    taxExempt: c.taxExempt,
    creditBalance: toMoneyString(balance, c.currency),
  };
}

/** A client's account credit in minor units of `currency`: the sum of its ledger rows in that currency. */
export async function creditBalance(em: EntityManager, clientId: number, currency: string): Promise<bigint> {
  const [row] = await em.query<Array<{ balance: string | number }>>(
    'SELECT COALESCE(SUM(amount), 0) AS balance FROM credit_ledger WHERE clientId = ? AND currency = ?',
    [clientId, currency],
  );
  return BigInt(row?.balance ?? 0);
}

/** What a client is created with (`POST /v1/clients`): the resource without its id and credit. */
export type CreateClientInput = Omit<ClientResource, 'id' | 'creditBalance'>;

/** Creates a billing client (DESIGN §4 `POST /v1/clients`); a new client has no credit. */
export async function createClient(ctx: AppContext, input: CreateClientInput): Promise<ClientResource> {
  const repo = ctx.ds.getRepository(Client);
  const client = await repo.save(
    repo.create({
      email: input.email,
      name: input.name,
      currency: input.currency,
      taxRates: input.taxRates.map((r) => ({ name: r.name, rate: r.rate })),
      taxCompound: input.taxCompound,
      taxInclusive: input.taxInclusive,
      taxExempt: input.taxExempt,
    }),
  );
  return toClientResource(client, 0n);
}

export async function getClient(ctx: AppContext, id: number): Promise<ClientResource> {
  const client = await ctx.ds.getRepository(Client).findOneBy({ id });
  if (!client) throw new NotFoundError('client', id);
  return toClientResource(client, await creditBalance(ctx.ds.manager, id, client.currency));
}
