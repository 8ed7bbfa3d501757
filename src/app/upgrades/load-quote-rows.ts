import type { EntityManager } from 'typeorm';
import { Client, Service } from '../../db/entities/index.js';
import { lockForUpdate } from '../../db/lock-for-update.js';
import { columnsAs, hydrateAs, readRow } from '../../db/row-reader.js';
import type { OptionSelection, ServiceView } from '../catalog/load-service-view.js';
import { NotFoundError } from '../errors.js';

/** The rows a quote for a service is built from (besides the catalog, which is cached). */
export interface QuoteRows {
  service: ServiceView;
  client: Client;
  /** The upgrade holding the service's open-upgrade slot, if any. */
  slotUpgradeId: number | null;
}

const sqlOf = new WeakMap<object, string>();

/**
 * The service (row-locked when `lock`; `lock` may be the row the caller locked already), then in one more statement
 * its client, its option selections and the holder of its open-upgrade slot. Read after the service lock, so a
 * concurrent order for the service has committed or waits. Throws NotFoundError (404) for an unknown service.
 */
export async function loadQuoteRows(em: EntityManager, serviceId: number, lock: boolean | Service): Promise<QuoteRows> {
  const service =
    typeof lock === 'object'
      ? lock
      : lock
        ? await lockForUpdate(em, Service, { id: serviceId })
        : await readRow(em, Service, { id: serviceId });
  if (!service) throw new NotFoundError('service', serviceId);
  let sql = sqlOf.get(em.connection);
  if (sql === undefined) {
    sql = `SELECT ${columnsAs(em, Client, 'c')},
      (SELECT upgradeId FROM open_upgrade_slots WHERE serviceId = ?) AS slotUpgradeId,
      (SELECT JSON_ARRAYAGG(JSON_OBJECT('optionId', optionId, 'choiceId', choiceId, 'qty', qty))
         FROM service_options WHERE serviceId = ?) AS options
      FROM clients c WHERE c.id = ?`;
    sqlOf.set(em.connection, sql);
  }
  const [raw] = await em.query<Array<Record<string, unknown>>>(sql, [serviceId, serviceId, service.clientId]);
  if (!raw) throw new Error(`service ${serviceId}: client ${service.clientId} does not exist`);
  const stored = (typeof raw.options === 'string' ? JSON.parse(raw.options) : (raw.options ?? [])) as Array<{
    optionId: number;
    choiceId: number | null;
    qty: number | null;
  }>;
  const options = stored
    .sort((a, b) => a.optionId - b.optionId)
    .map((r): OptionSelection =>
      r.choiceId !== null ? { optionId: r.optionId, choiceId: r.choiceId } : { optionId: r.optionId, qty: r.qty ?? 0 },
    );
  return {
    service: Object.assign(service, { options }),
    client: hydrateAs(em, Client, raw, 'c')!,
    slotUpgradeId: raw.slotUpgradeId === null ? null : Number(raw.slotUpgradeId),
  };
}
