import { z } from 'zod';
import { PanelInputError } from './panel-errors.js';
import { normalizeFingerprint } from './tls/normalize-fingerprint.js';

export { createPanelAdapter } from './create-panel-adapter.js';

/** The control panels Upshift speaks to. */
export type PanelType = 'cpanel' | 'plesk' | 'directadmin';

/** Per-server TLS settings. Nothing here is process-wide. */
export interface PanelTlsConfig {
  /**
   * Verify the certificate chain and host name.
   * @defaultValue true
   */
  verify: boolean;
  /** PEM of the CA (or the self-signed certificate) to trust instead of the system store, when verifying. */
  caCert?: string | null;
  /**
   * SHA-256 fingerprint of the server's certificate (`AB:CD:…` or 64 hex digits). When set, the connection is
   * accepted if and only if the certificate matches it, whatever `verify` and `caCert` say: the pin is the
   * identity, so a self-signed panel certificate works without turning verification off.
   */
  fingerprint?: string | null;
}

/** One panel server as the adapters need it, with its secret decrypted (in memory only, never in job data). */
export interface PanelServerConfig {
  id: number;
  type: PanelType;
  /** Host name or IP address, without scheme or port. */
  hostname: string;
  port: number;
  /**
   * API user: WHM `root` or a reseller; Plesk login (empty string = authenticate with a Plesk secret KEY);
   * DirectAdmin admin or reseller (`admin|reseller` logs in as the reseller).
   */
  username: string;
  /** WHM API token, Plesk password or secret key, DirectAdmin password or login key. Plaintext, in memory only. */
  secret: string;
  tls: PanelTlsConfig;
  /** At most this many ChangePackage operations in flight against this server, across all worker processes. */
  maxConcurrency: number;
  /**
   * Deadline for one HTTP call, connection included.
   * @defaultValue 120000 for cPanel and DirectAdmin, 300000 for Plesk (what the reference modules use)
   */
  timeoutMs?: number;
}

/** The panels' usual HTTPS ports: WHM 2087, Plesk 8443, DirectAdmin 2222. */
export const defaultPanelPorts: Readonly<Record<PanelType, number>> = { cpanel: 2087, plesk: 8443, directadmin: 2222 };

/** Per-call deadlines when `timeoutMs` is not set: changepackage takes seconds, Plesk switches can take minutes. */
export const defaultPanelTimeoutsMs: Readonly<Record<PanelType, number>> = {
  cpanel: 120_000,
  plesk: 300_000,
  directadmin: 120_000,
};

const hostnamePattern =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$|^[0-9A-Fa-f:.]+$/;

const schema = z.strictObject({
  id: z.number().int().positive(),
  type: z.enum(['cpanel', 'plesk', 'directadmin']),
  hostname: z
    .string()
    .min(1)
    .max(253)
    .regex(hostnamePattern, 'must be a host name or IP address, without scheme, port or path'),
  port: z.number().int().min(1).max(65535),
  username: z.string().max(255),
  secret: z.string().min(1, 'must not be empty').max(4096),
  tls: z.strictObject({
    verify: z.boolean(),
    caCert: z.string().includes('-----BEGIN CERTIFICATE-----', { message: 'must be a PEM certificate' }).nullish(),
    fingerprint: z.string().nullish(),
  }),
  maxConcurrency: z.number().int().min(1).max(1000),
  timeoutMs: z.number().int().min(1).max(3_600_000).optional(),
});

/**
 * Checks a server config and returns a normalized copy (fingerprint in `AB:CD:…` form).
 * @throws PanelInputError naming the first bad field, e.g. `server.port: Too big: …`. The secret's value is never quoted.
 */
export function validatePanelServerConfig(input: unknown): PanelServerConfig {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['server', ...issue.path.map(String)].join('.');
    throw new PanelInputError(`${field}: ${issue.message}`);
  }
  const config = parsed.data;
  if (config.type !== 'plesk' && config.username === '') {
    throw new PanelInputError(
      'server.username: must not be empty (only Plesk allows an empty username, for KEY authentication)',
    );
  }
  const fingerprint =
    config.tls.fingerprint == null ? null : normalizeFingerprint(config.tls.fingerprint, 'server.tls.fingerprint');
  return { ...config, tls: { ...config.tls, fingerprint } };
}
