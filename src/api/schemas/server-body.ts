import { z } from 'zod';

export const PANEL_TYPES = ['cpanel', 'plesk', 'directadmin'] as const;
export const panelType = z.enum(PANEL_TYPES, { error: `must be one of ${PANEL_TYPES.join(', ')}` });

/** A host name or IP address, without scheme, port or path. */
const hostname = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'must be a host name or IP address without scheme, port or path');

/** SHA-256 certificate fingerprint: 64 hex digits, optionally in colon-separated pairs. */
const fingerprint = z
  .string()
  .regex(
    /^(?:[0-9A-Fa-f]{64}|(?:[0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2})$/,
    'must be a SHA-256 fingerprint (64 hex digits, colons allowed)',
  );

const caCert = z
  .string()
  .max(65_535)
  .regex(/-----BEGIN CERTIFICATE-----/, 'must be a PEM certificate');

/** `POST /v1/servers` (DESIGN §4). */
export const createServerBody = z.strictObject({
  name: z.string().min(1).max(100),
  type: panelType,
  hostname,
  /** @defaultValue the panel's usual API port: cPanel/WHM 2087, Plesk 8443, DirectAdmin 2222 */
  port: z.number().int().min(1).max(65_535).optional(),
  username: z.string().min(1).max(100),
  /** The API token or password. Write-only: stored encrypted, never returned. */
  secret: z.string().min(1).max(4096),
  tls: z
    .strictObject({
      /** @defaultValue true */
      verify: z.boolean().default(true),
      caCert: caCert.nullable().default(null),
      fingerprint: fingerprint.nullable().default(null),
    })
    .default({ verify: true, caCert: null, fingerprint: null }),
  /** Panel calls allowed at once against this server, across all workers. @defaultValue 2 */
  maxConcurrency: z.number().int().min(1).max(100).default(2),
});
