import type { AppContext } from '../src/app/app-context.js';
import { deliverUpgradeWebhook } from '../src/app/notifications/deliver-upgrade-webhook.js';
import type { NotificationDeps } from '../src/app/notifications/notification-deps.js';
import { processorFor } from './processor.js';

/** Webhook deliveries: a refusal (4xx) fails at once, others back off, never sooner than the endpoint's Retry-After. */
export const webhooksProcessor = (ctx: AppContext, deps: NotificationDeps) =>
  processorFor(ctx, 'webhooks', ({ deliveryId }, job, _token, signal) =>
    deliverUpgradeWebhook(ctx, deps, deliveryId, job.attemptsMade + 1, signal),
  );
