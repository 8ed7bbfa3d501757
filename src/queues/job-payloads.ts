import { z } from 'zod';
import type { QueueName } from './queue-names.js';

const id = z.number().int().positive();

/**
 * Upgrade states the scheduler's healing sweep re-drives (`invoiced` only with its invoice paid): the ones a job must
 * move on. (Kept here rather than in src/app because payloads may import nothing but the domain.)
 */
export const HEALABLE_STATES = ['queued', 'invoiced', 'paid', 'applied', 'provisioned'] as const;
export type HealableState = (typeof HEALABLE_STATES)[number];

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
  email: z.union([
    z
      .object({
        template: z.enum(['upgrade-completed', 'upgrade-invoice-issued', 'downgrade-scheduled', 'provisioning-failed']),
        upgradeId: id,
      })
      .strict(),
    /** The staff report of the healing sweep: this upgrade sat in `state` and was re-driven (once per upgrade and state). */
    z.object({ template: z.literal('upgrade-healed'), upgradeId: id, state: z.enum(HEALABLE_STATES) }).strict(),
  ]),
  webhooks: z.object({ deliveryId: id }).strict(),
  scheduler: z
    .object({ sweep: z.enum(['due-downgrades', 'expire-orders', 'stuck', 'purge-idempotency-keys', 'retention']) })
    .strict(),
} satisfies Record<QueueName, z.ZodType>;

export type JobPayload<Q extends QueueName> = z.infer<(typeof jobPayloadSchemas)[Q]>;

/** Validates a payload at the boundary (producer and processor); throws a ZodError naming the field. */
export function parseJobPayload<Q extends QueueName>(queue: Q, data: unknown): JobPayload<Q> {
  return jobPayloadSchemas[queue].parse(data) as JobPayload<Q>;
}
