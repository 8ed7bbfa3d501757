import type { Upgrade } from '../../db/entities/index.js';
import type { FollowUp } from '../run-step.js';

/**
 * The one job that moves an upgrade on from its current state. Steps enqueue it after commit, and the
 * scheduler's stuck sweep enqueues it again for rows that sat too long — one rule serves both.
 * `hasPanel`: the (new) product has a panel module, so `applied` goes to provisioning rather than the email.
 */
export function nextJobFor(upgrade: Pick<Upgrade, 'id' | 'status' | 'invoiceId'>, hasPanel: boolean): FollowUp | null {
  const upgradeId = upgrade.id;
  switch (upgrade.status) {
    case 'queued':
      return { queue: 'upgrade-orders', payload: { upgradeId } };
    case 'paid':
      return upgrade.invoiceId ? { queue: 'invoice-paid', payload: { invoiceId: upgrade.invoiceId } } : null;
    case 'applied':
      return hasPanel
        ? { queue: 'provisioning', payload: { upgradeId } }
        : { queue: 'email', payload: { upgradeId, template: 'upgrade-completed' } };
    case 'provisioned':
      return { queue: 'email', payload: { upgradeId, template: 'upgrade-completed' } };
    default:
      return null;
  }
}

/** Notices a state change sends (email to the client or staff), besides the next job. */
export function noticesFor(upgrade: Pick<Upgrade, 'id' | 'status'>): FollowUp[] {
  const upgradeId = upgrade.id;
  switch (upgrade.status) {
    case 'invoiced':
      return [{ queue: 'email', payload: { upgradeId, template: 'upgrade-invoice-issued' } }];
    case 'scheduled':
      return [{ queue: 'email', payload: { upgradeId, template: 'downgrade-scheduled' } }];
    case 'provisioning_failed':
      return [{ queue: 'email', payload: { upgradeId, template: 'provisioning-failed' } }];
    default:
      return [];
  }
}

/** Webhook jobs for pending delivery ids. */
export function webhookJobs(deliveryIds: number[]): FollowUp[] {
  return deliveryIds.map((deliveryId) => ({ queue: 'webhooks', payload: { deliveryId } }));
}
