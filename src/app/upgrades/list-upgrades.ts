import { In, type EntityManager } from 'typeorm';
import { Upgrade, UpgradeTransition } from '../../db/entities/index.js';
import type { UpgradeStatus } from '../../domain/upgrade-status.js';
import type { AppContext } from '../app-context.js';
import { inIdOrder, type KeysetQuery } from '../catalog/list-keyset.js';
import { decodeCursor, pageLimit, toPage, type Page, type PageRequest } from '../catalog/list-page.js';
import { toUpgradeResource, type UpgradeResource } from './get-upgrade.js';

/** Filters of `GET /v1/upgrades`; each one left out matches every order. */
export interface UpgradeFilters {
  status?: UpgradeStatus;
  serviceId?: number;
  clientId?: number;
  /** Orders created at or after this instant. */
  createdFrom?: Date;
  /** Orders created strictly before this instant. */
  createdBefore?: Date;
}

/** Where a page of upgrades starts: after this (createdAt, id). */
export interface UpgradeKey {
  createdAt: Date;
  id: number;
}

/**
 * The query of one page: the keys of `rows` orders after `after`, in (createdAt, id) descending. It reads the index of
 * the most selective filter that is set — `(serviceId, createdAt)`, `(clientId, createdAt)`, `(status, createdAt)` —
 * or `(createdAt)`, forced (MariaDB otherwise takes a `ref` on the filter and walks every newer row). InnoDB appends the
 * id to each, so the range is read in list order and the scan stops after `rows` matches; the index alone answers it.
 * Exported for the EXPLAIN test.
 */
export function upgradePageQuery(filters: UpgradeFilters, after: UpgradeKey | undefined, rows: number): KeysetQuery {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (filters.serviceId !== undefined) add('`serviceId` = ?', filters.serviceId);
  if (filters.clientId !== undefined) add('`clientId` = ?', filters.clientId);
  if (filters.status !== undefined) add('`status` = ?', filters.status);
  if (filters.createdFrom !== undefined) add('`createdAt` >= ?', filters.createdFrom);
  if (filters.createdBefore !== undefined) add('`createdAt` < ?', filters.createdBefore);
  // (createdAt, id) < (after.createdAt, after.id), written so the createdAt part is an index range.
  if (after !== undefined)
    add('`createdAt` <= ? AND (`createdAt` < ? OR `id` < ?)', after.createdAt, after.createdAt, after.id);
  const index =
    filters.serviceId !== undefined
      ? 'IDX_upgrades_serviceId_createdAt'
      : filters.clientId !== undefined
        ? 'IDX_upgrades_clientId_createdAt'
        : filters.status !== undefined
          ? 'IDX_upgrades_status_createdAt'
          : 'IDX_upgrades_createdAt';
  return {
    sql: `SELECT \`id\`, \`createdAt\` FROM \`upgrades\` FORCE INDEX (\`${index}\`)${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY \`createdAt\` DESC, \`id\` DESC LIMIT ${Math.trunc(rows)}`,
    params,
    index,
  };
}

async function upgradeIds(em: EntityManager, query: KeysetQuery): Promise<number[]> {
  return (await em.query<Array<{ id: number | string }>>(query.sql, query.params)).map((r) => Number(r.id));
}

/**
 * `GET /v1/upgrades`: orders newest first — by `createdAt`, then id — filtered by status, service, client and creation
 * time, one page at a time. Each page reads `limit + 1` index entries however many orders there are
 * (test/integration/db/list-explain.test.ts), then the page's orders and their history by id.
 */
export async function listUpgrades(
  ctx: AppContext,
  filters: UpgradeFilters,
  req: PageRequest,
): Promise<Page<UpgradeResource>> {
  const limit = pageLimit(req);
  const key = req.cursor === undefined ? undefined : decodeCursor(req.cursor, { ...filters }, ['instant', 'id']);
  const after = key === undefined ? undefined : { createdAt: new Date(String(key[0])), id: Number(key[1]) };
  const ids = await upgradeIds(ctx.ds.manager, upgradePageQuery(filters, after, limit + 1));
  const upgrades = inIdOrder(ids, ids.length === 0 ? [] : await ctx.ds.getRepository(Upgrade).findBy({ id: In(ids) }));
  const { rows, next } = toPage(upgrades, limit, (u) => [u.createdAt.toISOString(), u.id], { ...filters });
  const history =
    rows.length === 0
      ? []
      : await ctx.ds
          .getRepository(UpgradeTransition)
          .find({ where: { upgradeId: In(rows.map((u) => u.id)) }, order: { id: 'ASC' } });
  const byUpgrade = new Map<number, UpgradeTransition[]>();
  for (const h of history) byUpgrade.set(h.upgradeId, [...(byUpgrade.get(h.upgradeId) ?? []), h]);
  return { items: rows.map((u) => toUpgradeResource(u, byUpgrade.get(u.id) ?? [])), next };
}
