import type { WebhookEventType } from './webhook-event.js';

/** How one attempt ended. */
export type WebhookAttemptOutcome = 'delivered' | 'failed-temporary' | 'failed-permanent';

/** One attempt to deliver one event to one endpoint (a row of `webhook_delivery`, or of its attempts). */
export interface WebhookAttempt {
  deliveryId: string;
  event: WebhookEventType;
  /** The upgrade the event is about; null for a payment event not tied to an upgrade. */
  upgradeId: number | null;
  /** The endpoint as configured. It may embed a token: show it to ops only, never in logs. */
  url: string;
  /** 1 for the first attempt (BullMQ `job.attemptsMade + 1`). */
  attempt: number;
  outcome: WebhookAttemptOutcome;
  /** HTTP status, or null when there was no answer (network error, timeout). */
  status: number | null;
  durationMs: number;
  /** The error message (endpoint named by origin only), or null when delivered. */
  error: string | null;
  at: Date;
}

/**
 * Where deliveries are recorded. `isDelivered` lets a replayed job skip a delivery that already got a 2xx; webhooks
 * stay at-least-once all the same (a crash between the 2xx and `recordAttempt` repeats it), so receivers de-duplicate
 * on the `Upshift-Delivery` id.
 */
export interface WebhookDeliveryStore {
  /** True when an attempt of this delivery was recorded as `delivered`. */
  isDelivered(deliveryId: string): Promise<boolean>;
  recordAttempt(attempt: WebhookAttempt): Promise<void>;
}
