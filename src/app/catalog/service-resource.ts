import type { ServiceStatus } from '../../db/entities/service.entity.js';
import { toMoneyString } from './catalog-money.js';
import type { ServiceView } from './load-service-view.js';
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
}

export function toServiceResource(s: ServiceView): ServiceResource {
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
  };
}
