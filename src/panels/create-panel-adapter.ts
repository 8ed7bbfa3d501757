import type https from 'node:https';
import { DirectAdminAdapter } from './directadmin/directadmin-adapter.js';
import { PanelHttpClient } from './http/panel-http-client.js';
import { WhmAdapter } from './cpanel/whm-adapter.js';
import type { PanelAdapter } from './panel-adapter.js';
import type { PanelCallRecorder } from './panel-call-recorder.js';
import { silentPanelLogger, type PanelLogger } from './panel-logger.js';
import { validatePanelServerConfig, type PanelServerConfig } from './panel-server-config.js';
import { PleskAdapter } from './plesk/plesk-adapter.js';
import { NetworkList } from '../config/network-list.js';
import { createPanelHttpsAgent } from './tls/create-panel-https-agent.js';
import { restrictedLookup } from './tls/restricted-lookup.js';

/** Options of `createPanelAdapter`. */
export interface PanelAdapterOptions {
  /**
   * Receives warnings: TLS verification off, Plesk `<problems>`, a failing recorder.
   * @defaultValue a logger that drops everything
   */
  logger?: PanelLogger;
  /**
   * Networks (CIDR) the server's host must resolve into when a connection is made (`PANEL_ALLOWED_NETWORKS`), so a
   * name re-pointed after the server was registered (DNS rebinding) cannot reach another address.
   * @defaultValue [] (any address)
   */
  allowedNetworks?: readonly string[];
}

/** Keep-alive agents by server and TLS settings, shared by every adapter of this process. */
const agents = new Map<string, https.Agent>();

/**
 * The server's keep-alive agent: a ChangePackage is four calls, and a worker makes one adapter per job, so without
 * it every call paid a TCP and TLS handshake. Keyed by id and TLS settings, so a changed certificate setting
 * gets a new agent; a connection the panel closed meanwhile fails like any transport error (read retried; a
 * write is an unknown outcome, and the next attempt reads first).
 */
function agentFor(config: PanelServerConfig, allowedNetworks: readonly string[]): https.Agent {
  const key = JSON.stringify([
    config.id,
    config.tls.verify,
    config.tls.caCert ?? null,
    config.tls.fingerprint ?? null,
    allowedNetworks,
  ]);
  let agent = agents.get(key);
  if (!agent) {
    agent = createPanelHttpsAgent(config.tls, {
      keepAlive: true,
      ...(allowedNetworks.length ? { lookup: restrictedLookup(new NetworkList(allowedNetworks)) } : {}),
    });
    agents.set(key, agent);
  }
  return agent;
}

/**
 * Builds the adapter for one server: validates the config (a bad field throws `PanelInputError` naming it),
 * gives the server its own (kept-alive) TLS agent, and records every call, redacted, to `recorder`.
 */
export function createPanelAdapter(
  server: PanelServerConfig,
  recorder?: PanelCallRecorder,
  options: PanelAdapterOptions = {},
): PanelAdapter {
  const config = validatePanelServerConfig(server);
  const logger = options.logger ?? silentPanelLogger;
  if (!config.tls.verify && !config.tls.fingerprint) {
    logger.warn(
      { serverId: config.id, hostname: config.hostname },
      'TLS verification is off for this panel server; set a CA certificate or a fingerprint pin',
    );
  }
  const http = new PanelHttpClient(config, agentFor(config, options.allowedNetworks ?? []), recorder, logger);
  switch (config.type) {
    case 'cpanel':
      return new WhmAdapter(config, http);
    case 'plesk':
      return new PleskAdapter(config, http, logger);
    case 'directadmin':
      return new DirectAdminAdapter(config, http);
  }
}
