import { createHash } from 'node:crypto';
import { WebhookPermanentError } from './webhook-errors.js';

/** The upgrade events front-ends can subscribe to. */
export const UPGRADE_EVENT_TYPES = [
  'upgrade.invoiced',
  'upgrade.applied',
  'upgrade.completed',
  'upgrade.provisioning_failed',
  'upgrade.cancelled',
  'upgrade.rejected',
] as const;

/** Money events: a payment (or part of one) went to the client's account credit instead of an invoice. */
export const PAYMENT_EVENT_TYPES = ['payment.credited'] as const;

/** Every event front-ends can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [...UPGRADE_EVENT_TYPES, ...PAYMENT_EVENT_TYPES] as const;

export type UpgradeEventType = (typeof UPGRADE_EVENT_TYPES)[number];
export type PaymentEventType = (typeof PAYMENT_EVENT_TYPES)[number];
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What an upgrade event says about the upgrade. Ids and states only: front-ends fetch details from the API; no secrets. */
export interface WebhookEventData {
  upgradeId: number;
  serviceId: number;
  clientId: number;
  /** The upgrade's status after the event (`invoiced`, `applied`, `completed`, `provisioning_failed`, `cancelled`, `rejected`). */
  status: string;
  /** The upgrade invoice; null when none was raised. */
  invoiceId: number | null;
  /** Why, for `upgrade.cancelled`, `upgrade.rejected` and `upgrade.provisioning_failed`; null otherwise. */
  reason: string | null;
}

/** Why received money went to the account. */
export type PaymentCreditReason =
  'invoice_cancelled' | 'overpayment' | 'cancelled_part_payment' | 'upgrade_not_applied';

/** What `payment.credited` says: which payment, how much went to the account, and why. */
export interface PaymentCreditedData {
  /** The payment the money came from; null when it was the part payments of a cancelled invoice. */
  paymentId: number | null;
  invoiceId: number;
  clientId: number;
  /** The upgrade the invoice was for; null for other invoices. */
  upgradeId: number | null;
  /** Decimal string in `currency`. */
  amount: string;
  currency: string;
  reason: PaymentCreditReason;
}

/** The JSON body POSTed to each endpoint. */
export interface WebhookEvent {
  /** The delivery id, also in the `Upshift-Delivery` header; the same on every retry, so receivers can de-duplicate. */
  id: string;
  type: WebhookEventType;
  /** When the event happened (ISO 8601, UTC); the same on every retry. */
  createdAt: string;
  data: WebhookEventData | PaymentCreditedData;
}

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly unknown[]).includes(value);
}

export function isPaymentEventType(value: unknown): value is PaymentEventType {
  return (PAYMENT_EVENT_TYPES as readonly unknown[]).includes(value);
}

/**
 * The delivery id of one event to one endpoint: `whd_` + 32 hex characters, derived from the event type, its subject
 * (the upgrade for `upgrade.*`, a credit key for `payment.*`), the endpoint URL and an occurrence number (for an event
 * that can happen again, such as a second provisioning failure after a manual retry). Deterministic, so re-enqueueing
 * the same delivery is harmless (use it as the BullMQ job id) and a receiver sees one id however often it is retried.
 * Contains no `:`, as BullMQ job ids must not.
 */
export function webhookDeliveryId(
  type: WebhookEventType,
  subject: number | string,
  url: string,
  occurrence = 1,
): string {
  return 'whd_' + createHash('sha256').update(`${type}\n${subject}\n${occurrence}\n${url}`).digest('hex').slice(0, 32);
}

const bad = (field: string, expected: string) => new WebhookPermanentError(`${field}: expected ${expected}`, null);
const positiveInt = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;

function upgradeData(data: WebhookEventData): WebhookEventData {
  for (const field of ['upgradeId', 'serviceId', 'clientId'] as const) {
    if (!positiveInt(data[field])) throw bad(`data.${field}`, 'a positive integer');
  }
  if (data.invoiceId !== null && !positiveInt(data.invoiceId))
    throw bad('data.invoiceId', 'a positive integer or null');
  if (typeof data.status !== 'string' || data.status === '') throw bad('data.status', 'a non-empty string');
  if (data.reason !== null && typeof data.reason !== 'string') throw bad('data.reason', 'a string or null');
  const { upgradeId, serviceId, clientId, status, invoiceId, reason } = data;
  return { upgradeId, serviceId, clientId, status, invoiceId, reason };
}

function paymentData(data: PaymentCreditedData): PaymentCreditedData {
  for (const field of ['invoiceId', 'clientId'] as const)
    if (!positiveInt(data[field])) throw bad(`data.${field}`, 'a positive integer');
  for (const field of ['paymentId', 'upgradeId'] as const) {
    if (data[field] !== null && !positiveInt(data[field])) throw bad(`data.${field}`, 'a positive integer or null');
  }
  if (typeof data.amount !== 'string' || !/^\d+(\.\d+)?$/.test(data.amount))
    throw bad('data.amount', 'a positive decimal string');
  if (typeof data.currency !== 'string' || !/^[A-Z]{3}$/.test(data.currency))
    throw bad('data.currency', 'an ISO 4217 code');
  if (typeof data.reason !== 'string' || (data.reason as string) === '') throw bad('data.reason', 'a non-empty string');
  const { paymentId, invoiceId, clientId, upgradeId, amount, currency, reason } = data;
  return { paymentId, invoiceId, clientId, upgradeId, amount, currency, reason };
}

/**
 * Builds the event body, checking every field of the event type's data (and passing on no other field).
 *
 * @throws WebhookPermanentError naming the field (`type`, `data.upgradeId`, …) when one is missing or malformed.
 */
export function buildWebhookEvent(
  type: WebhookEventType,
  data: WebhookEventData | PaymentCreditedData,
  opts: { deliveryId: string; at: Date },
): WebhookEvent {
  if (!isWebhookEventType(type)) throw bad('type', `one of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  if (!/^whd_[0-9a-f]{32}$/.test(opts.deliveryId)) throw bad('deliveryId', 'an id from webhookDeliveryId()');
  if (!(opts.at instanceof Date) || Number.isNaN(opts.at.getTime())) throw bad('at', 'a valid Date');
  const checked = isPaymentEventType(type)
    ? paymentData(data as PaymentCreditedData)
    : upgradeData(data as WebhookEventData);
  return { id: opts.deliveryId, type, createdAt: opts.at.toISOString(), data: checked };
}
