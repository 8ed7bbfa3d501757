/** Payload fields the dashboard shows as they are: ids and the enum-like names the queue schemas allow. */
const SHOWN_FIELDS = new Set([
  'upgradeId',
  'invoiceId',
  'serviceId',
  'deliveryId',
  'requestId',
  'template',
  'sweep',
  'state',
]);
const SAFE_VALUE = /^[A-Za-z0-9_-]{1,64}$/;
const SENSITIVE_KEY = /secret|token|password|passwd|authori[sz]ation|api[-_]?key|cookie|credential/i;

/**
 * The dashboard's view of a job payload (bull-board `setFormatter('data', …)`, applied server-side, never
 * stored). Payloads are ids only (src/queues/job-payloads.ts); this is the second line of defence should
 * anything else ever be enqueued: known id fields with plain values are shown, every other field is
 * `[redacted]`.
 */
export function redactJobData(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return data === undefined || data === null ? data : '[redacted]';
  return Object.fromEntries(
    Object.entries(data as Record<string, unknown>).map(([key, value]) => {
      const safe =
        SHOWN_FIELDS.has(key) && (typeof value === 'number' || (typeof value === 'string' && SAFE_VALUE.test(value)));
      return [key, safe ? value : '[redacted]'];
    }),
  );
}

/**
 * The dashboard's view of a job's return value: as it is, except fields whose name says they hold a secret.
 * Return values are step results (ChangePackage outcome, delivery status), which carry no secret.
 */
export function redactReturnValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactReturnValue);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, v]) => [
      key,
      SENSITIVE_KEY.test(key) ? '[redacted]' : redactReturnValue(v),
    ]),
  );
}
