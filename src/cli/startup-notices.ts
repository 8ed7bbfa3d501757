import type { AddressInfo } from 'node:net';
import type { UpshiftConfig } from '../config/config.js';
import { decodeWhsecSecret } from '../webhooks/standard-webhooks.js';

/** One line `upshift start` logs before it serves: what a newcomer needs to know, at the level it deserves. */
export interface StartupNotice {
  level: 'info' | 'warn';
  /** Structured fields for JSON logs; never a secret. */
  fields: Record<string, unknown>;
  msg: string;
}

/** A listening address as a URL a person can open: a wildcard host is shown as loopback, IPv6 in brackets. */
export function displayUrl(address: AddressInfo | string | null): string | null {
  if (address === null || typeof address === 'string') return address;
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/**
 * The start-up lines of a process that runs the API (`apiAddress`) or not (null):
 *
 * - a warning when `API_TOKENS` is empty, since every `/v1` request is then 401 and nothing else says why;
 * - a warning when `WEBHOOK_SECRET` starts with `whsec_` but is not base64 of 24-64 bytes (most likely a mistyped
 *   Standard Webhooks secret: it is used as a plain secret, which a Standard Webhooks library will not match);
 * - one line with where the API, its reference (`/docs`), the dashboard (only with `DASHBOARD_PASSWORD`) and
 *   `/metrics` are.
 */
export function startupNotices(config: UpshiftConfig, apiAddress: AddressInfo | string | null): StartupNotice[] {
  const notices: StartupNotice[] = [];
  const base = displayUrl(apiAddress);
  if (base !== null && config.apiTokens.length === 0) {
    notices.push({
      level: 'warn',
      fields: { variable: 'API_TOKENS' },
      msg: 'API_TOKENS is empty: every /v1 request will be answered 401. Set API_TOKENS to role:token entries (staff, storefront, gateway; 16+ characters each), see docs/SECURITY.md',
    });
  }
  if (config.webhookSecret.startsWith('whsec_') && decodeWhsecSecret(config.webhookSecret) === null) {
    notices.push({
      level: 'warn',
      fields: { variable: 'WEBHOOK_SECRET' },
      msg: 'WEBHOOK_SECRET starts with whsec_ but the rest is not base64 of 24-64 bytes: it is used as a plain secret, so Standard Webhooks libraries need whsec_ + base64 of the whole value (docs/WEBHOOKS.md)',
    });
  }
  if (base !== null) {
    const urls = {
      api: base,
      docs: `${base}/docs`,
      ...(config.dashboardPassword ? { dashboard: `${base}/admin/queues` } : {}),
      metrics: `${base}/metrics`,
    };
    const listed = Object.entries(urls)
      .map(([name, url]) => `${name} ${url}`)
      .join(', ');
    notices.push({ level: 'info', fields: { urls }, msg: `upshift API ready: ${listed}` });
  }
  return notices;
}
