import { z } from 'zod';
import {
  PAYMENT_EVENT_TYPES,
  UPGRADE_EVENT_TYPES,
  type PaymentCreditedData,
  type WebhookEventData,
  type WebhookEventType,
} from '../../webhooks/webhook-event.js';
import { moneyString, positiveId } from './fields.js';
import { instant, type SameFields } from './resources.js';

// The events Upshift POSTs to WEBHOOK_URLS (docs/WEBHOOKS.md), for the `webhooks` section of the OpenAPI document.

const deliveryId = z
  .string()
  .regex(/^whd_[0-9a-f]{32}$/)
  .meta({
    description:
      'The delivery id: the same on every retry (also `webhook-id` and `Upshift-Delivery`); de-duplicate on it',
  });

export const upgradeEventData = z
  .strictObject({
    upgradeId: positiveId,
    serviceId: positiveId,
    clientId: positiveId,
    status: z.string().meta({ description: "The upgrade's status after the event" }),
    invoiceId: positiveId.nullable(),
    reason: z
      .string()
      .nullable()
      .meta({ description: 'Why, for cancelled, rejected and provisioning_failed; null otherwise' }),
  })
  .meta({
    id: 'UpgradeEventData',
    description: 'Ids and states only: fetch the details with `GET /v1/upgrades/{upgradeId}`',
  });

export const paymentCreditedData = z
  .strictObject({
    paymentId: positiveId.nullable().meta({ description: 'Null for the part payments of a cancelled invoice' }),
    invoiceId: positiveId,
    clientId: positiveId,
    upgradeId: positiveId.nullable(),
    amount: moneyString,
    currency: z.string().regex(/^[A-Z]{3}$/),
    reason: z.enum(['invoice_cancelled', 'overpayment', 'cancelled_part_payment', 'upgrade_not_applied']),
  })
  .meta({
    id: 'PaymentCreditedData',
    description: "Money that went to the client's account credit instead of an invoice",
  });

/** The body of one event type. */
export function webhookEventBody(type: WebhookEventType) {
  const payment = (PAYMENT_EVENT_TYPES as readonly string[]).includes(type);
  return z.strictObject({
    id: deliveryId,
    type: z.literal(type),
    createdAt: instant.meta({ description: 'When the event happened; the same on every retry' }),
    data: payment ? paymentCreditedData : upgradeEventData,
  });
}

/** What each event means, for the reference. */
export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  'upgrade.invoiced': 'The upgrade invoice is raised.',
  'upgrade.applied':
    'Billing applied the change to the service (after payment, at once when nothing is to pay, or on the date of an end-of-term downgrade). Provisioning and the email follow.',
  'upgrade.completed': 'The change is applied, and provisioned where there is a panel.',
  'upgrade.provisioning_failed': 'ChangePackage failed for good; billing is applied. `reason` holds the last error.',
  'upgrade.cancelled': 'Staff, the client or expiry cancelled the order (its invoice too).',
  'upgrade.rejected': 'The guards failed when the order was processed; `reason` names the guard.',
  'payment.credited':
    "Money went to the client's account credit instead of an invoice: a payment for a cancelled or paid invoice, an overpayment, the part payments of a cancelled invoice, or a paid upgrade that could not be applied.",
};

export const ALL_WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [...UPGRADE_EVENT_TYPES, ...PAYMENT_EVENT_TYPES];

export const webhookTypeChecks = {
  upgrade: true satisfies SameFields<typeof upgradeEventData, WebhookEventData>,
  payment: true satisfies SameFields<typeof paymentCreditedData, PaymentCreditedData>,
};
