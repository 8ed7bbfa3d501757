import type { DataSource } from 'typeorm';
import { WebhookDelivery } from '../../db/entities/index.js';
import type { WebhookAttempt, WebhookDeliveryStore } from '../../webhooks/index.js';

/**
 * Webhook deliveries on MariaDB (table `webhook_deliveries`, keyed by the `Upshift-Delivery` id): each attempt
 * bumps the counter and keeps the last status and error; a 2xx marks it delivered, a permanent refusal failed.
 */
export class DbWebhookDeliveryStore implements WebhookDeliveryStore {
  constructor(private readonly ds: DataSource) {}

  async isDelivered(deliveryId: string): Promise<boolean> {
    return this.ds.getRepository(WebhookDelivery).existsBy({ deliveryKey: deliveryId, status: 'delivered' });
  }

  async recordAttempt(a: WebhookAttempt): Promise<void> {
    const status = a.outcome === 'delivered' ? 'delivered' : a.outcome === 'failed-permanent' ? 'failed' : 'pending';
    await this.ds.query(
      'UPDATE webhook_deliveries SET attempts = attempts + 1, status = ?, lastHttpStatus = ?, lastError = ? WHERE deliveryKey = ?',
      [status, a.status, a.error, a.deliveryId],
    );
  }
}
