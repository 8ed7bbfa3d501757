import type { JobsOptions } from 'bullmq';
import type { QueueName } from './queue-names.js';
import { RETRY_POLICIES } from './retry-policies.js';

/** The backoff type every Upshift job carries: the workers' backoff strategy computes it from the queue's retry policy. */
export const BACKOFF_TYPE = 'upshift';

/**
 * Retention per queue. Completed jobs are kept for a week so their deterministic ids keep deduplicating replays;
 * failed jobs for 30 days so ops can inspect and retry them.
 */
const KEEP = { removeOnComplete: { age: 7 * 86400, count: 50_000 }, removeOnFail: { age: 30 * 86400, count: 100_000 } }; // failed: capped, docs/SCALING.md

/** Job options per queue: retention, and the attempts and backoff of {@link RETRY_POLICIES}. */
export const jobOptions: Record<QueueName, JobsOptions> = {
  'upgrade-orders': { ...KEEP, attempts: RETRY_POLICIES['upgrade-orders'].attempts, backoff: { type: BACKOFF_TYPE } },
  'invoice-paid': { ...KEEP, attempts: RETRY_POLICIES['invoice-paid'].attempts, backoff: { type: BACKOFF_TYPE } },
  provisioning: { ...KEEP, attempts: RETRY_POLICIES.provisioning.attempts, backoff: { type: BACKOFF_TYPE } },
  email: { ...KEEP, attempts: RETRY_POLICIES.email.attempts, backoff: { type: BACKOFF_TYPE } },
  webhooks: { ...KEEP, attempts: RETRY_POLICIES.webhooks.attempts, backoff: { type: BACKOFF_TYPE } },
  scheduler: {
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 500 },
    attempts: RETRY_POLICIES.scheduler.attempts,
  },
};
