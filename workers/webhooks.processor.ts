import type { AppContext } from '../src/app/app-context.js';
import { deliverUpgradeWebhook } from '../src/app/notifications/deliver-upgrade-webhook.js';
import type { NotificationDeps } from '../src/app/notifications/notification-deps.js';
import { webhookBackoffMs } from '../src/webhooks/index.js';
import { processorFor } from './processor.js';

export const webhooksProcessor = (ctx: AppContext, deps: NotificationDeps) =>
  processorFor(ctx, 'webhooks', ({ deliveryId }, job, _token, signal) => deliverUpgradeWebhook(ctx, deps, deliveryId, job.attemptsMade + 1, signal));

/** Worker settings: the endpoint's Retry-After and exponential backoff decide the delay (job backoff type `webhook`). */
export const webhooksWorkerSettings = { settings: { backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => webhookBackoffMs(attemptsMade, err) } };
