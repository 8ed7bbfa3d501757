import axios, { AxiosError } from 'axios';
import { performance } from 'node:perf_hooks';
import { redactUrl } from './redact-url.js';
import { isWebhookEventType, type WebhookEvent, type WebhookEventType } from './webhook-event.js';
import { standardWebhookHeaders } from './standard-webhooks.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, webhookSignatureHeader } from './webhook-signature.js';
import { WebhookPermanentError, WebhookTemporaryError } from './webhook-errors.js';

/** One delivery of one event to one endpoint. */
export interface WebhookRequest {
  /** The endpoint (config `webhookUrls`); http or https. */
  url: string;
  /** The signing secret (config `WEBHOOK_SECRET`). Read from config by the worker, never carried in job data. */
  secret: string;
  event: WebhookEventType;
  /** The body; its `id` and `type` must equal `deliveryId` and `event`. */
  payload: WebhookEvent;
  deliveryId: string;
}

/** Options for {@link deliverWebhook}. */
export interface DeliverWebhookOptions {
  /** Milliseconds for the whole request, connect included. Default 10 000. */
  timeoutMs?: number;
  /** Aborts the request early, e.g. the BullMQ processor's signal on shutdown. Default none. */
  signal?: AbortSignal;
  /** Clock for the signature timestamp, milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** The endpoint accepted the event (2xx). */
export interface WebhookResponse {
  status: number;
  durationMs: number;
}

const USER_AGENT = 'Upshift-Webhooks/1';
const TEMPORARY_STATUSES = new Set([408, 425, 429]);

/**
 * POSTs the event as JSON, signed twice with one timestamp: Standard Webhooks (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`) and `Upshift-Signature` (with `Upshift-Event`, `Upshift-Delivery`) for existing receivers. One attempt,
 * no retry inside: the BullMQ webhook queue owns retries. Redirects are not followed. The response body is not read.
 * Error messages name the endpoint by origin only, since webhook URLs often embed a token.
 *
 * @throws WebhookTemporaryError for network errors, timeouts, 5xx, 408, 425, 429 (with `retryAfterMs` when the
 *   endpoint sent `Retry-After`).
 * @throws WebhookPermanentError for other non-2xx answers, and for a bad `url`, `secret`, `deliveryId` or payload
 *   (the message names the field).
 */
export async function deliverWebhook(
  request: WebhookRequest,
  opts: DeliverWebhookOptions = {},
): Promise<WebhookResponse> {
  const { url, secret, event, payload, deliveryId } = request;
  const bad = (field: string, expected: string) => new WebhookPermanentError(`${field}: expected ${expected}`, null);
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw bad('url', 'an http:// or https:// URL');
  if (typeof secret !== 'string' || secret === '') throw bad('secret', 'the non-empty webhook secret (WEBHOOK_SECRET)');
  if (!isWebhookEventType(event)) throw bad('event', 'a webhook event type');
  if (typeof deliveryId !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(deliveryId))
    throw bad('deliveryId', '1-128 letters, digits, _ or -');
  if (payload?.id !== deliveryId || payload.type !== event)
    throw bad('payload', `an event whose id is deliveryId and type is '${event}'`);

  const timeoutMs = opts.timeoutMs ?? 10_000;
  const body = JSON.stringify(payload);
  const timestamp = Math.floor((opts.now ?? Date.now)() / 1000);
  const target = `webhook ${event} ${deliveryId} to ${redactUrl(url)}`;
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': USER_AGENT,
    [SIGNATURE_HEADER]: webhookSignatureHeader(secret, timestamp, body),
    [EVENT_HEADER]: event,
    [DELIVERY_HEADER]: deliveryId,
    // Standard Webhooks: the delivery id is the message id, so both header sets name the same delivery.
    ...standardWebhookHeaders(secret, deliveryId, timestamp, body),
  };
  const started = performance.now();
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await axios.post(url, body, {
      headers,
      // Sign and send the very same string: no re-serialisation by axios.
      transformRequest: [(data: string) => data],
      responseType: 'stream',
      maxRedirects: 0,
      validateStatus: () => true,
      timeout: timeoutMs,
      // axios' `timeout` only covers the wait for the response; the signal also covers a connect that hangs.
      signal: opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout,
    });
    (response.data as NodeJS.ReadableStream & { destroy(): void }).destroy();
    const durationMs = Math.round(performance.now() - started);
    const { status } = response;
    if (status >= 200 && status < 300) return { status, durationMs };
    const message = `${target}: HTTP ${status}`;
    if (status >= 500 || TEMPORARY_STATUSES.has(status)) {
      throw new WebhookTemporaryError(
        message,
        status,
        null,
        retryAfterMs(response.headers['retry-after'], opts.now ?? Date.now),
      );
    }
    throw new WebhookPermanentError(
      status >= 300 && status < 400 ? `${message} (redirects are not followed; fix the URL)` : message,
      status,
    );
  } catch (err) {
    if (err instanceof WebhookTemporaryError || err instanceof WebhookPermanentError) throw err;
    const timedOut = timeout.aborted || (err instanceof AxiosError && err.code === 'ECONNABORTED');
    const code = timedOut ? 'ETIMEDOUT' : networkCode(err);
    const reason = timedOut
      ? `timed out after ${timeoutMs} ms`
      : opts.signal?.aborted
        ? 'aborted'
        : `network error ${code}`;
    throw new WebhookTemporaryError(`${target}: ${reason}`, null, code);
  }
}

function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } })?.cause;
  const code = (err as { code?: unknown })?.code ?? cause?.code;
  return typeof code === 'string' ? code : 'ENETWORK';
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now; null when absent or unreadable. */
function retryAfterMs(value: unknown, now: () => number): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now());
}
