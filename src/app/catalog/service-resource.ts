import type { EntityManager } from 'typeorm';
import { Promotion } from '../../db/entities/promotion.entity.js';
import type { ServiceStatus } from '../../db/entities/service.entity.js';
import { toMoneyString } from './catalog-money.js';
import { loadServiceView, type ServiceView } from './load-service-view.js';
import type { OptionSelection } from './option-selection.js';

/** A service as the API shows it: the fields it is created with, plus id and currency. */
export interface ServiceResource {
  id: number;
  clientId: number;
  productId: number;
  serverId: number | null;
  domain: string;
  username: string;
  billingCycle: string;
  nextDueDate: string | null;
  anchorDay: number | null;
  recurringAmount: string;
  /** The client's currency. */
  currency: string;
  status: ServiceStatus;
  options: OptionSelection[];
  /** The billing front-end reported an unpaid renewal invoice; upgrades wait (409 `renewal_unpaid`). */
  unpaidRenewal: boolean;
  /** The code of the lifetime promotion every renewal and upgrade quote of the service gets; null for none. */
  lifetimePromoCode: string | null;
}

/** The service as the API shows it, read through `em` (inside the caller's transaction when there is one). */
export async function loadServiceResource(em: EntityManager, serviceId: number): Promise<ServiceResource> {
  const view = await loadServiceView(em, serviceId);
  const promo = view.lifetimePromotionId === null ? null : await em.findOne(Promotion, { where: { id: view.lifetimePromotionId }, select: { id: true, code: true } });
  return toServiceResource(view, promo?.code ?? null);
}

export function toServiceResource(s: ServiceView, lifetimePromoCode: string | null): ServiceResource {
  return {
    id: s.id,
    clientId: s.clientId,
    productId: s.productId,
    serverId: s.serverId,
    domain: s.domain,
    username: s.username,
    billingCycle: s.billingCycle,
    nextDueDate: s.nextDueDate,
    anchorDay: s.anchorDay,
    recurringAmount: toMoneyString(s.recurringAmount, s.currency),
    currency: s.currency,
    status: s.status,
    options: s.options,
    unpaidRenewal: s.unpaidRenewal,
    lifetimePromoCode,
  };
}
