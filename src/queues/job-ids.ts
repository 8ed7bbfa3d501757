import type { JobPayload } from './job-payloads.js';
import type { QueueName } from './queue-names.js';

/**
 * Deterministic job ids (DESIGN §2): enqueueing the same follow-up twice is a no-op while the first job is kept.
 * Ids never contain ':' and never are all digits (BullMQ rules).
 */
export function jobIdFor<Q extends QueueName>(queue: Q, payload: JobPayload<Q>): string {
  const job = { queue, payload } as { [K in QueueName]: { queue: K; payload: JobPayload<K> } }[QueueName];
  switch (job.queue) {
    case 'upgrade-orders':
      return `order-${job.payload.upgradeId}`;
    case 'invoice-paid':
      return `paid-${job.payload.invoiceId}`;
    case 'provisioning': {
      const p = job.payload;
      return 'upgradeId' in p ? `provision-${p.upgradeId}` : `change-package-${p.serviceId}-${p.requestId}`;
    }
    case 'email': {
      const p = job.payload;
      return 'state' in p ? `email-${p.upgradeId}-${p.template}-${p.state}` : `email-${p.upgradeId}-${p.template}`;
    }
    case 'webhooks':
      return `webhook-${job.payload.deliveryId}`;
    case 'scheduler':
      return `sweep-${job.payload.sweep}`;
  }
}

/**
 * The id of the healing sweep's re-drive number `round` of the job `jobId` (DESIGN §2: a new deterministic replay id,
 * never the original one, which BullMQ may still hold as failed for ops to inspect).
 */
export function healJobIdFor(jobId: string, round: number): string {
  return `${jobId}-heal-${round}`;
}
