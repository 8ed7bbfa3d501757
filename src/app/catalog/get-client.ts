import type { AppContext } from '../app-context.js';
import { Client } from '../../db/entities/client.entity.js';
import { NotFoundError } from '../errors.js';
import { toClientResource, type ClientResource } from './client-resource.js';
import { creditBalance } from './credit-balance.js';

export async function getClient(ctx: AppContext, id: number): Promise<ClientResource> {
  const client = await ctx.ds.getRepository(Client).findOneBy({ id });
  if (!client) throw new NotFoundError('client', id);
  return toClientResource(client, await creditBalance(ctx.ds.manager, id, client.currency));
}
