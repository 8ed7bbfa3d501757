import type { WebhookAttempt, WebhookDeliveryStore } from './webhook-delivery-store.js';

/**
 * {@link WebhookDeliveryStore} in an array, for one process only: for tests, and as the executable statement of the
 * semantics the MariaDB store must match.
 */
export class MemoryWebhookDeliveryStore implements WebhookDeliveryStore {
  readonly attempts: WebhookAttempt[] = [];

  async isDelivered(deliveryId: string): Promise<boolean> {
    return this.attempts.some((a) => a.deliveryId === deliveryId && a.outcome === 'delivered');
  }

  async recordAttempt(attempt: WebhookAttempt): Promise<void> {
    this.attempts.push({ ...attempt });
  }
}
