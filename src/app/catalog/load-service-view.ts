import type { EntityManager } from 'typeorm';
import { ServiceOption } from '../../db/entities/service-option.entity.js';
import { Service } from '../../db/entities/service.entity.js';
import { lockForUpdate } from '../../db/lock-for-update.js';
import { NotFoundError } from '../errors.js';

/** A service's setting of one option (DESIGN §3): `choiceId` for dropdown/radio, `qty` for yesno/quantity. */
export interface OptionSelection {
  optionId: number;
  choiceId?: number;
  qty?: number;
}

/** Options of {@link loadServiceView}. */
export interface LoadServiceViewOptions {
  /** Lock the service row (`SELECT … FOR UPDATE`) until the caller's transaction ends. @defaultValue false */
  lock?: boolean;
}

/**
 * A service row (money in minor units, as stored) with its option selections in the §3 `current.options`
 * shape: ascending option id, `choiceId` for dropdown/radio options, `qty` for yesno/quantity ones.
 */
export type ServiceView = Service & { options: OptionSelection[] };

/**
 * Loads a service and its option selections through `em` (so inside the caller's transaction, locked if
 * asked). Throws NotFoundError (404) for an unknown service.
 */
export async function loadServiceView(
  em: EntityManager,
  serviceId: number,
  opts: LoadServiceViewOptions = {},
): Promise<ServiceView> {
  const service = opts.lock
    ? await lockForUpdate(em, Service, { id: serviceId })
    : await em.getRepository(Service).findOneBy({ id: serviceId });
  if (!service) throw new NotFoundError('service', serviceId);
  const rows = await em.getRepository(ServiceOption).find({ where: { serviceId }, order: { optionId: 'ASC' } });
  const options = rows.map((r): OptionSelection =>
    r.choiceId !== null ? { optionId: r.optionId, choiceId: r.choiceId } : { optionId: r.optionId, qty: r.qty ?? 0 },
  );
  return Object.assign(service, { options });
}
