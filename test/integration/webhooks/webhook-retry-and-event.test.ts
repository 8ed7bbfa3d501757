import { expect } from 'chai';
import { buildWebhookEvent, webhookDeliveryId, WEBHOOK_EVENT_TYPES } from '../../../src/webhooks/webhook-event.js';
import { WebhookPermanentError } from '../../../src/webhooks/webhook-errors.js';
import { backoffDelayMs, RETRY_POLICIES } from '../../../src/queues/retry-policies.js';
import { WebhookTemporaryError } from '../../../src/webhooks/webhook-errors.js';

describe('webhook retries (the webhooks queue policy)', () => {
  const policy = RETRY_POLICIES.webhooks;
  const noJitter = () => 0.999999;
  const delay = (made: number, err?: WebhookTemporaryError, random = noJitter) =>
    backoffDelayMs(policy, made, err?.retry, random);

  it('doubles from 10 s and caps at 1 h', () => {
    const delays = [1, 2, 3, 4, 5, 9, 10, 11, 50].map((n) => Math.ceil(delay(n) / 1000) * 1000);
    expect(delays).to.deep.equal([10_000, 20_000, 40_000, 80_000, 160_000, 2_560_000, 3_600_000, 3_600_000, 3_600_000]);
  });

  it('takes up to 20 % off at random', () => {
    expect(delay(3, undefined, () => 0.5)).to.equal(36_000);
    expect(delay(3, undefined, () => 0)).to.equal(32_000);
  });

  it('waits at least the Retry-After, itself capped', () => {
    const busy = (ms: number) => new WebhookTemporaryError('429', 429, null, ms);
    expect(delay(1, busy(45_000), () => 0)).to.equal(45_000);
    expect(delay(4, busy(45_000), () => 0)).to.equal(64_000);
    expect(delay(1, busy(86_400_000), () => 0)).to.equal(3_600_000);
  });

  it(`the ${policy.attempts} attempts wait about 3.4 hours in all (before jitter)`, () => {
    let total = 0;
    for (let made = 1; made < policy.attempts; made++)
      total += Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (made - 1));
    expect(total).to.equal(12_310_000);
  });

  it('gives up only on permanent errors', () => {
    expect(new WebhookPermanentError('400', 400).retry).to.deep.equal({ kind: 'never' });
    expect(new WebhookTemporaryError('500', 500, null).retry).to.deep.equal({ kind: 'backoff' });
  });
});

describe('webhook events', () => {
  const data = {
    upgradeId: 12,
    serviceId: 34,
    clientId: 56,
    status: 'cancelled',
    invoiceId: null,
    reason: 'expired unpaid',
  };
  const at = new Date('2026-02-01T10:15:00Z');

  it('delivery ids are stable per event, upgrade, endpoint and occurrence, and valid BullMQ job ids', () => {
    const id = webhookDeliveryId('upgrade.cancelled', 12, 'https://a.example.test/hook');
    expect(id).to.match(/^whd_[0-9a-f]{32}$/);
    expect(webhookDeliveryId('upgrade.cancelled', 12, 'https://a.example.test/hook')).to.equal(id);
    const others = [
      webhookDeliveryId('upgrade.rejected', 12, 'https://a.example.test/hook'),
      webhookDeliveryId('upgrade.cancelled', 13, 'https://a.example.test/hook'),
      webhookDeliveryId('upgrade.cancelled', 12, 'https://b.example.test/hook'),
      webhookDeliveryId('upgrade.cancelled', 12, 'https://a.example.test/hook', 2),
    ];
    expect(new Set([id, ...others]).size).to.equal(5);
  });

  it('builds the documented payload and nothing else', () => {
    const deliveryId = webhookDeliveryId('upgrade.cancelled', 12, 'https://a.example.test/hook');
    const extra = { ...data, secret: 'should-not-travel' };
    expect(buildWebhookEvent('upgrade.cancelled', extra, { deliveryId, at })).to.deep.equal({
      id: deliveryId,
      type: 'upgrade.cancelled',
      createdAt: '2026-02-01T10:15:00.000Z',
      data,
    });
    expect(WEBHOOK_EVENT_TYPES).to.deep.equal([
      'upgrade.invoiced',
      'upgrade.applied',
      'upgrade.completed',
      'upgrade.provisioning_failed',
      'upgrade.cancelled',
      'upgrade.rejected',
      'payment.credited',
    ]);
  });

  it('names the bad field', () => {
    const deliveryId = webhookDeliveryId('upgrade.cancelled', 12, 'https://a.example.test/hook');
    const cases: [Parameters<typeof buildWebhookEvent>, RegExp][] = [
      [['upgrade.paid' as never, data, { deliveryId, at }], /^type: /],
      [['upgrade.cancelled', data, { deliveryId: 'x', at }], /^deliveryId: /],
      [['upgrade.cancelled', data, { deliveryId, at: new Date('nope') }], /^at: /],
      [['upgrade.cancelled', { ...data, serviceId: 0 }, { deliveryId, at }], /^data\.serviceId: /],
      [['upgrade.cancelled', { ...data, invoiceId: 1.5 }, { deliveryId, at }], /^data\.invoiceId: /],
      [['upgrade.cancelled', { ...data, status: '' }, { deliveryId, at }], /^data\.status: /],
    ];
    for (const [args, message] of cases)
      expect(() => buildWebhookEvent(...args)).to.throw(WebhookPermanentError, message);
  });
});
