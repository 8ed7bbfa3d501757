import type { JobPayload } from './job-payloads.js';
import type { QueueName } from './queue-names.js';

/**
 * Deterministic job ids (DESIGN §2): enqueueing the same follow-up twice is a no-op while the first job is kept.
 * Ids never contain ':' and never are all digits (BullMQ rules).
 */
export function jobIdFor<Q extends QueueName>(queue: Q, payload: JobPayload<Q>): string {
  const p = payload as Record<string, unknown>;
  switch (queue) {
    case 'upgrade-orders': return `order-${p.upgradeId}`;
    case 'invoice-paid': return `paid-${p.invoiceId}`;
    case 'provisioning': return p.upgradeId !== undefined ? `provision-${p.upgradeId}` : `change-package-${p.serviceId}-${p.requestId}`;
    case 'email': return p.state === undefined ? `email-${p.upgradeId}-${p.template}` : `email-${p.upgradeId}-${p.template}-${p.state}`;
    case 'webhooks': return `webhook-${p.deliveryId}`;
    case 'scheduler': return `sweep-${p.sweep}`;
  }
  throw new Error(`no job id rule for queue ${String(queue)}`);
}

/**
 * The id of the healing sweep's re-drive number `round` of the job `jobId` (DESIGN §2: a new deterministic replay id,
 * never the original one, which BullMQ may still hold as failed for ops to inspect).
 */
export function healJobIdFor(jobId: string, round: number): string {
  return `${jobId}-heal-${round}`;
}
