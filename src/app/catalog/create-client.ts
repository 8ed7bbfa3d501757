import type { AppContext } from '../app-context.js';
import { Client, type TaxRate } from '../../db/entities/client.entity.js';
import { toClientResource, type ClientResource } from './client-resource.js';

export interface CreateClientInput {
  email: string;
  name: string;
  /** A supported ISO 4217 code; every service and invoice of the client is in it. */
  currency: string;
  /** Zero, one or two levels. */
  taxRates: TaxRate[];
  taxCompound: boolean;
  taxInclusive: boolean;
  taxExempt: boolean;
}

/** Creates a billing client (DESIGN §4 `POST /v1/clients`); a new client has no credit. */
export async function createClient(ctx: AppContext, input: CreateClientInput): Promise<ClientResource> {
  const repo = ctx.ds.getRepository(Client);
  const client = await repo.save(repo.create({
    email: input.email,
    name: input.name,
    currency: input.currency,
    taxRates: input.taxRates.map((r) => ({ name: r.name, rate: r.rate })),
    taxCompound: input.taxCompound,
    taxInclusive: input.taxInclusive,
    taxExempt: input.taxExempt,
  }));
  return toClientResource(client, 0n);
}
