import type { AppContext } from '../app-context.js';
import { PanelServer } from '../../db/entities/panel-server.entity.js';
import { NotFoundError } from '../errors.js';
import { toServerResource, type ServerResource } from './server-resource.js';

export async function getServer(ctx: AppContext, id: number): Promise<ServerResource> {
  const server = await ctx.ds.getRepository(PanelServer).findOneBy({ id });
  if (!server) throw new NotFoundError('server', id);
  return toServerResource(server);
}
