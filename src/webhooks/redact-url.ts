/**
 * The part of an endpoint URL that is safe to put in logs and error messages: scheme, host and port. Webhook URLs
 * often carry a token in the path or query (`https://hooks.example/T0/B1/XyZ`), so the rest is left out.
 */
export function redactUrl(url: string): string {
  return URL.canParse(url) ? `${new URL(url).origin}/…` : '<invalid URL>';
}
