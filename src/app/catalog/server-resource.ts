import type { PanelServer, PanelType } from '../../db/entities/panel-server.entity.js';

/** A panel server as the API shows it. The secret is write-only: only `hasSecret` tells it is set. */
export interface ServerResource {
  id: number;
  name: string;
  type: PanelType;
  hostname: string;
  port: number;
  username: string;
  hasSecret: boolean;
  tls: { verify: boolean; caCert: string | null; fingerprint: string | null };
  maxConcurrency: number;
}

export function toServerResource(s: PanelServer): ServerResource {
  return {
    id: s.id,
    name: s.name,
    type: s.type,
    hostname: s.hostname,
    port: s.port,
    username: s.username,
    hasSecret: s.secretEncrypted !== '',
    tls: { verify: s.tlsVerify, caCert: s.tlsCaCert, fingerprint: s.tlsFingerprint },
    maxConcurrency: s.maxConcurrency,
  };
}
