import https from 'node:https';
import type { PanelTlsConfig } from '../panel-server-config.js';
import { normalizeFingerprint } from './normalize-fingerprint.js';
import { PinnedHttpsAgent } from './pinned-https-agent.js';

/**
 * Builds the HTTPS agent of one panel server from its TLS settings:
 * - `fingerprint` set: trust exactly that certificate (`PinnedHttpsAgent`);
 * - `verify: false`: accept any certificate (the adapter logs a warning);
 * - `caCert` set: verify against that CA instead of the system store;
 * - otherwise: verify against the system CAs.
 * The agent belongs to one server; `NODE_TLS_REJECT_UNAUTHORIZED` and the global agent are never touched.
 * `options` adds connection settings (`keepAlive`, a `lookup` that refuses addresses outside the allowed networks);
 * the TLS settings always come from `tls`.
 */
export function createPanelHttpsAgent(
  tls: PanelTlsConfig,
  options: Pick<https.AgentOptions, 'keepAlive' | 'lookup'> = {},
): https.Agent {
  if (tls.fingerprint) return new PinnedHttpsAgent(normalizeFingerprint(tls.fingerprint, 'tls.fingerprint'), options);
  if (!tls.verify) return new https.Agent({ ...options, rejectUnauthorized: false });
  return new https.Agent({ ...options, rejectUnauthorized: true, ...(tls.caCert ? { ca: tls.caCert } : {}) });
}
