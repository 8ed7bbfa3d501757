/** What every secret is replaced with in logs and the panel call log. */
export const REDACTED = '[REDACTED]';

/** Headers that carry credentials on some panel: WHM `Authorization: whm`, Plesk `KEY`/`HTTP_AUTH_PASSWD`, DA Basic. */
const sensitiveHeaders = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'key',
  'http_auth_passwd',
  'x-api-key',
]);

/** Credential-looking fields in form bodies, XML packets and JSON, whatever secret they hold. */
const fieldPatterns: ReadonlyArray<[RegExp, string]> = [
  [/\b(passwd2?|password|pass|api_?token|token|secret|secret_key|accesshash)=[^&\s]*/gi, `$1=${REDACTED}`],
  [/<(passwd|password|secret|secret_key|key|api_token)>[\s\S]*?<\/\1>/gi, `<$1>${REDACTED}</$1>`],
  [
    /"(passwd2?|password|pass|api_?token|token|secret|secret_key|accesshash)"(\s*:\s*)"(?:[^"\\]|\\.)*"/gi,
    `"$1"$2"${REDACTED}"`,
  ],
];

/** Secrets shorter than this are not searched for as bare text (they would blank ordinary words). */
const minSecretLength = 4;

/** Returns a copy of `headers` with credential headers replaced by `[REDACTED]`. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    out[name] = sensitiveHeaders.has(name.toLowerCase()) ? REDACTED : value;
  return out;
}

/**
 * Removes credentials from a body or URL: credential-looking fields by pattern, and every known secret value
 * (raw, URL-encoded, XML-escaped) wherever it appears.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const [pattern, replacement] of fieldPatterns) out = out.replace(pattern, replacement);
  for (const secret of secrets) {
    if (secret.length < minSecretLength) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), xmlEscapeForRedaction(secret)]))
      out = out.split(form).join(REDACTED);
  }
  return out;
}

function xmlEscapeForRedaction(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
