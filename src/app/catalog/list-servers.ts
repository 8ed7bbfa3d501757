import { PanelServer } from '../../db/entities/panel-server.entity.js';
import type { AppContext } from '../app-context.js';
import { decodeCursor, pageLimit, toPage, type Page, type PageRequest } from './list-page.js';
import { toServerResource, type ServerResource } from './servers.js';

/** `GET /v1/servers`: every panel server, newest first (by id), one page at a time. */
export async function listServers(ctx: AppContext, req: PageRequest): Promise<Page<ServerResource>> {
  const limit = pageLimit(req);
  const qb = ctx.ds
    .getRepository(PanelServer)
    .createQueryBuilder('s')
    .orderBy('s.id', 'DESC')
    .limit(limit + 1);
  if (req.cursor !== undefined) qb.where('s.id < :after', { after: decodeCursor(req.cursor, {}, ['id'])[0] });
  const { rows, next } = toPage(await qb.getMany(), limit, (s) => [s.id], {});
  return { items: rows.map(toServerResource), next };
}
