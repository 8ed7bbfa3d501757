import type { JobsOptions } from 'bullmq';
import type { QueueName } from './queue-names.js';

/**
 * Retry and retention per queue. Completed jobs are kept for a week so their deterministic ids keep
 * deduplicating replays; failed jobs for 30 days so ops can inspect and retry them. Errors that must not be
 * retried are thrown as UnrecoverableError by the processors (see workers/), whatever `attempts` says.
 */
const KEEP = { removeOnComplete: { age: 7 * 86400, count: 50_000 }, removeOnFail: { age: 30 * 86400, count: 100_000 } }; // failed: capped, docs/SCALING.md

export const jobOptions: Record<QueueName, JobsOptions> = {
  'upgrade-orders': { ...KEEP, attempts: 8, backoff: { type: 'exponential', delay: 1000, jitter: 0.5 } },
  'invoice-paid': { ...KEEP, attempts: 8, backoff: { type: 'exponential', delay: 1000, jitter: 0.5 } },
  /**
   * Panel calls: the provisioning worker's backoff strategy decides the delay from the panel error class. 12 attempts,
   * as `PanelRetryPolicy` allows: 3 to 6 minutes of retries before a change is marked `provisioning_failed`.
   */
  provisioning: { ...KEEP, attempts: 12, backoff: { type: 'panel' } },
  email: { ...KEEP, attempts: 10, backoff: { type: 'exponential', delay: 2000, jitter: 0.5 } },
  /** Webhooks: the webhooks worker's backoff strategy honours the endpoint's Retry-After. */
  webhooks: { ...KEEP, attempts: 12, backoff: { type: 'webhook' } },
  scheduler: { removeOnComplete: { count: 100 }, removeOnFail: { count: 500 }, attempts: 1 },
};
