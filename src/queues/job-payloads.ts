import { z } from 'zod';
import type { QueueName } from './queue-names.js';

const id = z.number().int().positive();

/**
 * The payload schema of every queue (Trigger.dev-style catalogue). Payloads carry ids only: the database holds
 * the state, so a job can be replayed at any time and never carries a secret or a stale amount.
 */
export const jobPayloadSchemas = {
  'upgrade-orders': z.object({ upgradeId: id }).strict(),
  'invoice-paid': z.object({ invoiceId: id }).strict(),
  provisioning: z.union([
    z.object({ upgradeId: id }).strict(),
    /** A staff "Change Package" module command for a service, outside any upgrade order. */
    z.object({ serviceId: id, requestId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
  ]),
  email: z.object({
    template: z.enum(['upgrade-completed', 'upgrade-invoice-issued', 'downgrade-scheduled', 'provisioning-failed']),
    upgradeId: id,
  }).strict(),
  webhooks: z.object({ deliveryId: id }).strict(),
  scheduler: z.object({ sweep: z.enum(['due-downgrades', 'expire-orders', 'stuck', 'purge-idempotency-keys']) }).strict(),
} satisfies Record<QueueName, z.ZodType>;

export type JobPayload<Q extends QueueName> = z.infer<(typeof jobPayloadSchemas)[Q]>;

/** Validates a payload at the boundary (producer and processor); throws a ZodError naming the field. */
export function parseJobPayload<Q extends QueueName>(queue: Q, data: unknown): JobPayload<Q> {
  return jobPayloadSchemas[queue].parse(data) as JobPayload<Q>;
}
