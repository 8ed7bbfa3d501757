import { DirectAdminAdapter } from './directadmin/directadmin-adapter.js';
import { PanelHttpClient } from './http/panel-http-client.js';
import { WhmAdapter } from './cpanel/whm-adapter.js';
import type { PanelAdapter } from './panel-adapter.js';
import type { PanelCallRecorder } from './panel-call-recorder.js';
import { silentPanelLogger, type PanelLogger } from './panel-logger.js';
import { validatePanelServerConfig, type PanelServerConfig } from './panel-server-config.js';
import { PleskAdapter } from './plesk/plesk-adapter.js';
import { createPanelHttpsAgent } from './tls/create-panel-https-agent.js';

/** Options of `createPanelAdapter`. */
export interface PanelAdapterOptions {
  /**
   * Receives warnings: TLS verification off, Plesk `<problems>`, a failing recorder.
   * @defaultValue a logger that drops everything
   */
  logger?: PanelLogger;
}

/**
 * Builds the adapter for one server: validates the config (a bad field throws `PanelInputError` naming it),
 * gives the server its own TLS agent, and records every call, redacted, to `recorder`.
 */
export function createPanelAdapter(server: PanelServerConfig, recorder?: PanelCallRecorder, options: PanelAdapterOptions = {}): PanelAdapter {
  const config = validatePanelServerConfig(server);
  const logger = options.logger ?? silentPanelLogger;
  if (!config.tls.verify && !config.tls.fingerprint) {
    logger.warn({ serverId: config.id, hostname: config.hostname }, 'TLS verification is off for this panel server; set a CA certificate or a fingerprint pin');
  }
  const http = new PanelHttpClient(config, createPanelHttpsAgent(config.tls), recorder, logger);
  switch (config.type) {
    case 'cpanel':
      return new WhmAdapter(config, http);
    case 'plesk':
      return new PleskAdapter(config, http, logger);
    case 'directadmin':
      return new DirectAdminAdapter(config, http);
  }
}
