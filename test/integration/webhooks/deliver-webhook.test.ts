import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { deliverWebhook, type WebhookRequest } from '../../../src/webhooks/deliver-webhook.js';
import { WebhookPermanentError } from '../../../src/webhooks/webhook-errors.js';
import { backoffDelayMs, RETRY_POLICIES } from '../../../src/queues/retry-policies.js';
import { WebhookTemporaryError } from '../../../src/webhooks/webhook-errors.js';
import { sampleEvent, SECRET } from './fixtures.js';
import { WebhookTestServer } from './webhook-test-server.js';

function requestFor(url: string): WebhookRequest {
  const payload = sampleEvent(url);
  return { url, secret: SECRET, event: payload.type, payload, deliveryId: payload.id };
}

async function deliveryError(request: WebhookRequest, opts: Parameters<typeof deliverWebhook>[1] = {}): Promise<Error> {
  try {
    await deliverWebhook(request, opts);
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the delivery to fail');
}

describe('deliverWebhook against a real HTTP endpoint', () => {
  let endpoint: WebhookTestServer;

  beforeEach(async () => {
    endpoint = await WebhookTestServer.start(SECRET);
  });
  afterEach(async () => {
    await endpoint.close();
  });

  it('POSTs the event as signed JSON that both verifiers accept', async () => {
    const request = requestFor(endpoint.url());
    const nowMs = Date.now();
    const result = await deliverWebhook(request, { now: () => nowMs });

    expect(result.status).to.equal(200);
    expect(result.durationMs).to.be.a('number').and.at.least(0);
    expect(endpoint.received).to.have.length(1);
    const got = endpoint.received[0];
    expect(got).to.include({
      method: 'POST',
      path: '/hooks/upshift',
      verifiedBySrc: true,
      verifiedIndependently: true,
      verifiedStandard: true,
    });
    expect(got.headers['content-type']).to.equal('application/json');
    expect(got.headers['upshift-event']).to.equal('upgrade.completed');
    expect(got.headers['upshift-delivery']).to.equal(request.deliveryId);
    expect(got.headers['upshift-signature']).to.match(new RegExp(`^t=${Math.floor(nowMs / 1000)},v1=[0-9a-f]{64}$`));
    // Standard Webhooks: the message id is the delivery id, the timestamp the one Upshift-Signature signs.
    expect(got.headers['webhook-id']).to.equal(request.deliveryId);
    expect(got.headers['webhook-timestamp']).to.equal(String(Math.floor(nowMs / 1000)));
    expect(got.headers['webhook-signature']).to.match(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(JSON.parse(got.rawBody.toString('utf8'))).to.deep.equal({
      id: request.deliveryId,
      type: 'upgrade.completed',
      createdAt: '2026-02-01T10:15:00.000Z',
      data: { upgradeId: 4211, serviceId: 310, clientId: 77, status: 'completed', invoiceId: 9902, reason: null },
    });
    expect(got.rawBody.toString('utf8')).not.to.contain(SECRET);
  });

  it('a 500 is temporary and the retry is delivered', async () => {
    endpoint.answerNext({ status: 500 });
    const request = requestFor(endpoint.url());

    const err = await deliveryError(request);
    expect(err).to.be.instanceOf(WebhookTemporaryError);
    expect(err).to.include({ status: 500, code: null, retryAfterMs: null });
    expect((err as WebhookTemporaryError).retry.kind).to.equal('backoff');

    expect((await deliverWebhook(request)).status).to.equal(200);
    expect(endpoint.received.map((r) => r.headers['upshift-delivery'])).to.deep.equal([
      request.deliveryId,
      request.deliveryId,
    ]);
    expect(endpoint.received.every((r) => r.verifiedBySrc && r.verifiedIndependently && r.verifiedStandard)).to.equal(
      true,
    );
  });

  it('with a whsec_ secret, the standardwebhooks package verifies it as given, and Upshift-Signature still verifies', async () => {
    const whsec = `whsec_${randomBytes(32).toString('base64')}`;
    const standard = await WebhookTestServer.start(whsec);
    try {
      const payload = sampleEvent(standard.url());
      await deliverWebhook({
        url: standard.url(),
        secret: whsec,
        event: payload.type,
        payload,
        deliveryId: payload.id,
      });
      const got = standard.received[0];
      expect(got).to.include({ verifiedBySrc: true, verifiedIndependently: true, verifiedStandard: true });
      expect(
        new Webhook(whsec).verify(got.rawBody.toString('utf8'), got.headers as Record<string, string>),
      ).to.deep.equal(JSON.parse(got.rawBody.toString('utf8')));
      // A tampered body, another secret, an old timestamp: the package refuses each.
      const headers = got.headers as Record<string, string>;
      expect(() =>
        new Webhook(whsec).verify(got.rawBody.toString('utf8').replace('completed', 'cancelled'), headers),
      ).to.throw(WebhookVerificationError);
      expect(() =>
        new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(got.rawBody.toString('utf8'), headers),
      ).to.throw(WebhookVerificationError);
      const old = { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 600) };
      expect(() => new Webhook(whsec).verify(got.rawBody.toString('utf8'), old)).to.throw(WebhookVerificationError);
    } finally {
      await standard.close();
    }
  });

  for (const status of [400, 401, 404, 410, 422]) {
    it(`a ${status} is permanent`, async () => {
      endpoint.answerNext({ status });
      const err = await deliveryError(requestFor(endpoint.url()));
      expect(err).to.be.instanceOf(WebhookPermanentError);
      expect(err).to.include({ status });
      expect((err as WebhookPermanentError).retry.kind).to.equal('never');
      expect(endpoint.received).to.have.length(1);
    });
  }

  it('a redirect is permanent and not followed', async () => {
    endpoint.answerNext({ status: 301, headers: { Location: endpoint.url('/elsewhere') } });
    const err = await deliveryError(requestFor(endpoint.url()));
    expect(err).to.be.instanceOf(WebhookPermanentError);
    expect(err.message).to.contain('redirects are not followed');
    expect(endpoint.received).to.have.length(1);
  });

  it('a 429 is temporary and its Retry-After sets the least delay', async () => {
    endpoint.answerNext({ status: 429, headers: { 'Retry-After': '120' } });
    const err = await deliveryError(requestFor(endpoint.url()));
    expect(err).to.be.instanceOf(WebhookTemporaryError);
    expect(err).to.include({ status: 429, retryAfterMs: 120_000 });
    expect(backoffDelayMs(RETRY_POLICIES.webhooks, 1, (err as WebhookTemporaryError).retry, () => 0)).to.equal(120_000);
  });

  it('an endpoint that does not answer in time is temporary (ETIMEDOUT)', async () => {
    endpoint.answerNext('hang');
    const err = await deliveryError(requestFor(endpoint.url()), { timeoutMs: 150 });
    expect(err).to.be.instanceOf(WebhookTemporaryError);
    expect(err).to.include({ status: null, code: 'ETIMEDOUT' });
    expect(err.message).to.contain('timed out after 150 ms');
    expect(endpoint.received).to.have.length(1);
  });

  it('an aborted delivery (worker shutting down) is temporary', async () => {
    endpoint.answerNext('hang');
    const controller = new AbortController();
    const pending = deliveryError(requestFor(endpoint.url()), { signal: controller.signal });
    while (endpoint.received.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const err = await pending;
    expect(err).to.be.instanceOf(WebhookTemporaryError);
    expect(err.message).to.match(/: aborted$/);
  });

  it('keeps the URL path (often a token) and the secret out of error messages', async () => {
    endpoint.answerNext({ status: 503 });
    const url = endpoint.url('/hooks/T0KEN-in-path?key=q-secret');
    const err = await deliveryError(requestFor(url));
    expect(err.message).to.match(
      /^webhook upgrade\.completed whd_[0-9a-f]{32} to http:\/\/127\.0\.0\.1:\d+\/… ?: HTTP 503$/,
    );
    expect(err.message).not.to.contain('T0KEN');
    expect(err.message).not.to.contain('q-secret');
    expect(err.message).not.to.contain(SECRET);
    expect(JSON.stringify(endpoint.received[0].headers)).not.to.contain(SECRET);
  });
});

describe('deliverWebhook without a reachable endpoint, or with bad input', () => {
  it('a refused connection is temporary (ECONNREFUSED)', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const err = await deliveryError(requestFor(`http://127.0.0.1:${port}/hook`));
    expect(err).to.be.instanceOf(WebhookTemporaryError);
    expect(err).to.include({ status: null, code: 'ECONNREFUSED' });
  });

  it('rejects bad input as permanent, naming the field', async () => {
    const good = requestFor('http://127.0.0.1:9/hook');
    const cases: [Partial<WebhookRequest>, RegExp][] = [
      [{ url: 'ftp://example.test/hook' }, /^url: /],
      [{ url: 'not a url' }, /^url: /],
      [{ secret: '' }, /^secret: /],
      [{ deliveryId: 'whd_other' }, /^payload: /],
      [{ deliveryId: 'whd.with.dots' }, /^deliveryId: /],
      [{ event: 'upgrade.cancelled' }, /^payload: /],
      [{ event: 'upgrade.exploded' as never }, /^event: /],
    ];
    for (const [change, message] of cases) {
      const err = await deliveryError({ ...good, ...change });
      expect(err, JSON.stringify(change)).to.be.instanceOf(WebhookPermanentError);
      expect(err.message).to.match(message);
    }
  });
});
