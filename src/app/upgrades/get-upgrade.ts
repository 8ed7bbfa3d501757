import { Upgrade, UpgradeTransition } from '../../db/entities/index.js';
import { currencyDecimals } from '../../domain/currencies.js';
import { formatMoney } from '../../domain/money.js';
import type { PricedQuote } from './quote-for-service.js';
import type { UpgradeStatus } from '../../domain/upgrade-status.js';
import type { AppContext } from '../app-context.js';
import { NotFoundError } from '../errors.js';

/** `GET /v1/upgrades/:id` (DESIGN §4). */
export interface UpgradeResource {
  id: number;
  serviceId: number;
  clientId: number;
  status: UpgradeStatus;
  actor: 'client' | 'staff';
  asOf: string;
  request: Upgrade['request'];
  /** The quote the order was priced with (DESIGN §3 numbers, plus the capped `creditToAccountCapped` preview). */
  quote: PricedQuote | null;
  /**
   * What the change put on the client's account when it was applied: the quote's `creditToAccount` capped by what the
   * term was paid (docs/SECURITY.md). Null until applied.
   */
  accountCredit: string | null;
  invoiceId: number | null;
  effectiveDate: string | null;
  reason: string | null;
  provisioning: Upgrade['provisioningResult'];
  history: Array<{ status: UpgradeStatus; at: string; actor: string; note: string | null }>;
  createdAt: string;
}

/** The API's view of an upgrade and its transitions (oldest first). */
export function toUpgradeResource(u: Upgrade, history: readonly UpgradeTransition[]): UpgradeResource {
  return {
    id: u.id,
    serviceId: u.serviceId,
    clientId: u.clientId,
    status: u.status,
    actor: u.actor,
    asOf: u.asOf,
    request: u.request,
    quote: u.quote,
    accountCredit: u.accountCredit === null ? null : formatMoney(u.accountCredit, currencyDecimals(u.currency) ?? 2),
    invoiceId: u.invoiceId,
    effectiveDate: u.effectiveDate,
    reason: u.reason,
    provisioning: u.provisioningResult,
    history: history.map((h) => ({ status: h.toStatus, at: h.at.toISOString(), actor: h.actor, note: h.note })),
    createdAt: u.createdAt.toISOString(),
  };
}

export async function getUpgrade(ctx: AppContext, id: number): Promise<UpgradeResource> {
  const u = await ctx.ds.getRepository(Upgrade).findOneBy({ id });
  if (!u) throw new NotFoundError('upgrade', id);
  const history = await ctx.ds
    .getRepository(UpgradeTransition)
    .find({ where: { upgradeId: id }, order: { id: 'ASC' } });
  return toUpgradeResource(u, history);
}
