import { createHmac, timingSafeEqual } from 'node:crypto';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (more `v1=` entries may follow during a secret rotation). */
export const SIGNATURE_HEADER = 'Upshift-Signature';
/** The event type, e.g. `upgrade.completed`. */
export const EVENT_HEADER = 'Upshift-Event';
/** The delivery id, the same as the body's `id` and the same on every retry. */
export const DELIVERY_HEADER = 'Upshift-Delivery';

function requireSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length === 0)
    throw new TypeError('secret: the webhook secret is empty (set WEBHOOK_SECRET)');
}

/**
 * Hex HMAC-SHA256 of `${timestamp}.${body}` with `secret`. Signing the timestamp with the body lets a receiver
 * reject replays of an old, correctly signed request (see `toleranceSec` in {@link verifyWebhookSignature}).
 *
 * @param timestamp Unix time in seconds.
 * @param body The exact bytes sent (the JSON string), not a re-serialisation of the parsed object.
 */
export function signWebhook(secret: string, timestamp: number, body: string | Buffer): string {
  requireSecret(secret);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new TypeError('timestamp: expected unix seconds as a non-negative integer');
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The `Upshift-Signature` header value for one request. */
export function webhookSignatureHeader(secret: string, timestamp: number, body: string | Buffer): string {
  return `t=${timestamp},v1=${signWebhook(secret, timestamp, body)}`;
}

/**
 * Checks an `Upshift-Signature` header against the raw request body, in constant time. For receivers written in JS
 * and for tests; docs/WEBHOOKS.md has the PHP version.
 *
 * @param header The header value; missing or malformed → false.
 * @param body The raw body bytes as received, before any JSON parsing.
 * @param toleranceSec Largest accepted distance between the signed timestamp and now, in seconds. Default 300.
 * @param nowSec The receiver's clock, unix seconds. Default: now.
 * @returns true when one `v1` entry matches and the timestamp is within tolerance.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined | null,
  body: string | Buffer,
  toleranceSec = 300,
  nowSec = Math.floor(Date.now() / 1000),
): boolean {
  requireSecret(secret);
  if (typeof header !== 'string') return false;
  let timestamp: number | null = null;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value !== undefined && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/i.test(value))
      signatures.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === null || signatures.length === 0 || Math.abs(nowSec - timestamp) > toleranceSec) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body), 'hex');
  // Compare against every entry without stopping early, so timing does not reveal which one matched.
  return signatures.reduce((ok, candidate) => timingSafeEqual(candidate, expected) || ok, false);
}
