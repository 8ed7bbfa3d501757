import { Upgrade, UpgradeTransition } from '../../db/entities/index.js';
import type { Quote } from '../../domain/quote/index.js';
import type { UpgradeStatus } from '../../domain/upgrade-status.js';
import type { AppContext } from '../app-context.js';
import { NotFoundError } from '../errors/index.js';

/** `GET /v1/upgrades/:id` (DESIGN §4). */
export interface UpgradeResource {
  id: number;
  serviceId: number;
  clientId: number;
  status: UpgradeStatus;
  actor: 'client' | 'staff';
  asOf: string;
  request: Upgrade['request'];
  quote: Quote | null;
  invoiceId: number | null;
  effectiveDate: string | null;
  reason: string | null;
  provisioning: Upgrade['provisioningResult'];
  history: Array<{ status: UpgradeStatus; at: string; actor: string; note: string | null }>;
  createdAt: string;
}

export async function getUpgrade(ctx: AppContext, id: number): Promise<UpgradeResource> {
  const u = await ctx.ds.getRepository(Upgrade).findOneBy({ id });
  if (!u) throw new NotFoundError('upgrade', id);
  const history = await ctx.ds.getRepository(UpgradeTransition).find({ where: { upgradeId: id }, order: { id: 'ASC' } });
  return {
    id: u.id, serviceId: u.serviceId, clientId: u.clientId, status: u.status, actor: u.actor, asOf: u.asOf, request: u.request,
    quote: u.quote as Quote | null, invoiceId: u.invoiceId, effectiveDate: u.effectiveDate, reason: u.reason, provisioning: u.provisioningResult,
    history: history.map((h) => ({ status: h.toStatus, at: h.at.toISOString(), actor: h.actor, note: h.note })),
    createdAt: u.createdAt.toISOString(),
  };
}
