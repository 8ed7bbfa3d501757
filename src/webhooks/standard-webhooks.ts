import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com, spec v1): three headers that any Standard Webhooks verifier
 * (npm `standardwebhooks`, its PHP, Python, Go and Ruby siblings) checks with a `whsec_<base64>` secret.
 * Upshift sends them next to `Upshift-Signature` (webhook-signature.ts), which stays for existing receivers.
 *
 * @packageDocumentation
 */

/** The message id: Upshift's delivery id (`whd_…`), the same on every retry, so receivers de-duplicate on it. */
export const STANDARD_ID_HEADER = 'webhook-id';
/** Unix seconds when this attempt was signed. */
export const STANDARD_TIMESTAMP_HEADER = 'webhook-timestamp';
/** `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`; more entries, space-separated, may follow. */
export const STANDARD_SIGNATURE_HEADER = 'webhook-signature';

const WHSEC = 'whsec_';
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The bytes of a `whsec_<base64>` secret as the spec defines it (24 to 64 random bytes), or null when `secret` is not
 * one: no `whsec_` prefix, not strict base64, or a length outside 24-64 bytes.
 */
export function decodeWhsecSecret(secret: string): Buffer | null {
  if (typeof secret !== 'string' || !secret.startsWith(WHSEC)) return null;
  const encoded = secret.slice(WHSEC.length);
  if (!STRICT_BASE64.test(encoded)) return null;
  const key = Buffer.from(encoded, 'base64');
  return key.length >= 24 && key.length <= 64 ? key : null;
}

function requireSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length === 0)
    throw new TypeError('secret: the webhook secret is empty (set WEBHOOK_SECRET)');
}

/**
 * The HMAC key of `webhook-signature` for the configured `WEBHOOK_SECRET` (docs/WEBHOOKS.md, "Secrets"):
 *
 * - a `whsec_<base64 of 24-64 bytes>` secret: the decoded bytes, exactly as every Standard Webhooks library reads it;
 * - any other secret (those configured before Standard Webhooks, e.g. `openssl rand -hex 32`): its UTF-8 bytes,
 *   which a Standard Webhooks library reads from {@link standardWebhookSecret}`(secret)`.
 *
 * `Upshift-Signature` keeps using the secret exactly as written, so existing receivers are unaffected either way.
 */
export function standardWebhookKey(secret: string): Buffer {
  requireSecret(secret);
  return decodeWhsecSecret(secret) ?? Buffer.from(secret, 'utf8');
}

/**
 * The `whsec_…` string a receiver gives its Standard Webhooks library for the configured `WEBHOOK_SECRET`: the secret
 * itself when it already is one, else `whsec_` + base64 of its bytes (shell: `printf 'whsec_%s' "$(printf %s
 * "$WEBHOOK_SECRET" | base64 -w0)"`). It is a secret too: never log it.
 */
export function standardWebhookSecret(secret: string): string {
  requireSecret(secret);
  return decodeWhsecSecret(secret) ? secret : WHSEC + Buffer.from(secret, 'utf8').toString('base64');
}

/**
 * The `webhook-signature` value for one message: `v1,` + base64 HMAC-SHA256 of `<msgId>.<timestamp>.<body>`.
 *
 * @param msgId The `webhook-id` (Upshift's delivery id).
 * @param timestamp Unix seconds, the `webhook-timestamp`.
 * @param body The exact bytes sent, not a re-serialisation.
 */
export function signStandardWebhook(secret: string, msgId: string, timestamp: number, body: string | Buffer): string {
  if (typeof msgId !== 'string' || msgId === '' || msgId.includes('.'))
    throw new TypeError('msgId: expected a non-empty id without "."');
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new TypeError('timestamp: expected unix seconds as a non-negative integer');
  const mac = createHmac('sha256', standardWebhookKey(secret))
    .update(`${msgId}.${timestamp}.`)
    .update(body)
    .digest('base64');
  return `v1,${mac}`;
}

/** The three Standard Webhooks headers of one attempt. */
export function standardWebhookHeaders(
  secret: string,
  msgId: string,
  timestamp: number,
  body: string | Buffer,
): Record<string, string> {
  return {
    [STANDARD_ID_HEADER]: msgId,
    [STANDARD_TIMESTAMP_HEADER]: String(timestamp),
    [STANDARD_SIGNATURE_HEADER]: signStandardWebhook(secret, msgId, timestamp, body),
  };
}

/**
 * Checks the Standard Webhooks headers of a request against its raw body, in constant time: for JS receivers
 * without the `standardwebhooks` package, and for tests.
 *
 * @param headers The request's headers (names in any case); missing or malformed → false.
 * @param toleranceSec Largest accepted distance between `webhook-timestamp` and now, in seconds. Default 300.
 * @param nowSec The receiver's clock, unix seconds. Default: now.
 */
export function verifyStandardWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string | Buffer,
  toleranceSec = 300,
  nowSec = Math.floor(Date.now() / 1000),
): boolean {
  requireSecret(secret);
  const get = (name: string) => {
    const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
    return typeof entry === 'string' ? entry : undefined;
  };
  const msgId = get(STANDARD_ID_HEADER);
  const rawTimestamp = get(STANDARD_TIMESTAMP_HEADER);
  const signatures = get(STANDARD_SIGNATURE_HEADER);
  if (!msgId || !rawTimestamp || !signatures || !/^\d{1,12}$/.test(rawTimestamp) || msgId.includes('.')) return false;
  const timestamp = Number(rawTimestamp);
  if (Math.abs(nowSec - timestamp) > toleranceSec) return false;
  const expected = Buffer.from(signStandardWebhook(secret, msgId, timestamp, body).slice(3), 'base64');
  let ok = false;
  for (const entry of signatures.split(' ')) {
    const [version, mac] = entry.split(',', 2);
    if (version !== 'v1' || !mac || !STRICT_BASE64.test(mac)) continue;
    const candidate = Buffer.from(mac, 'base64');
    // Every entry is compared, without stopping early, so timing does not reveal which one matched.
    ok = (candidate.length === expected.length && timingSafeEqual(candidate, expected)) || ok;
  }
  return ok;
}
