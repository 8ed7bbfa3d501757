import { performance } from 'node:perf_hooks';
import { deliverWebhook, type DeliverWebhookOptions, type WebhookRequest } from './deliver-webhook.js';
import type { WebhookAttemptOutcome, WebhookDeliveryStore } from './webhook-delivery-store.js';
import { WebhookPermanentError } from './webhook-errors.js';

/** Options for {@link deliverAndRecord}. */
export interface DeliverAndRecordOptions extends DeliverWebhookOptions {
  /** This attempt's number, 1 for the first (BullMQ: `job.attemptsMade + 1`). */
  attempt: number;
  /** Deliver even if an earlier attempt got a 2xx (an ops "redeliver"). Default false. */
  redeliver?: boolean;
}

/** What {@link deliverAndRecord} did. */
export type WebhookDeliveryResult =
  { status: 'delivered'; httpStatus: number; durationMs: number } | { status: 'already-delivered' };

/**
 * One attempt of a webhook job: skip it if the delivery already succeeded (a replayed job), otherwise deliver and
 * record the attempt, whatever its outcome. Failures are rethrown after recording; each says how to retry it.
 *
 * @throws WebhookTemporaryError | WebhookPermanentError from {@link deliverWebhook}; whatever the store throws.
 */
export async function deliverAndRecord(
  request: WebhookRequest,
  store: WebhookDeliveryStore,
  opts: DeliverAndRecordOptions,
): Promise<WebhookDeliveryResult> {
  if (!opts.redeliver && (await store.isDelivered(request.deliveryId))) return { status: 'already-delivered' };
  const started = performance.now();
  const record = (outcome: WebhookAttemptOutcome, status: number | null, durationMs: number, error: string | null) =>
    store.recordAttempt({
      deliveryId: request.deliveryId,
      event: request.event,
      upgradeId: request.payload.data.upgradeId ?? null,
      url: request.url,
      attempt: opts.attempt,
      outcome,
      status,
      durationMs,
      error,
      at: new Date(),
    });
  try {
    const response = await deliverWebhook(request, opts);
    await record('delivered', response.status, response.durationMs, null);
    return { status: 'delivered', httpStatus: response.status, durationMs: response.durationMs };
  } catch (err) {
    const permanent = err instanceof WebhookPermanentError;
    const status = (err as { status?: unknown }).status;
    await record(
      permanent ? 'failed-permanent' : 'failed-temporary',
      typeof status === 'number' ? status : null,
      Math.round(performance.now() - started),
      err instanceof Error ? err.message : String(err),
    );
    throw err;
  }
}
