import { defaultPanelPorts } from '../../panels/panel-server-config.js';
import type { AppContext } from '../app-context.js';
import { PanelServer, type PanelType } from '../../db/entities/panel-server.entity.js';
import { checkPanelHost } from './check-panel-host.js';
import { toServerResource, type ServerResource } from './server-resource.js';

export interface CreateServerInput {
  name: string;
  type: PanelType;
  hostname: string;
  /** @defaultValue {@link defaultPanelPorts} for the type */
  port?: number;
  username: string;
  /** Plain text; encrypted with `ctx.secrets` before it is stored, never returned. */
  secret: string;
  tls: { verify: boolean; caCert: string | null; fingerprint: string | null };
  maxConcurrency: number;
}

/**
 * Registers a control-panel server (DESIGN §4 `POST /v1/servers`, staff only). The host must resolve inside
 * `PANEL_ALLOWED_NETWORKS` when that is set (422 `server_not_allowed`).
 */
export async function createServer(ctx: AppContext, input: CreateServerInput): Promise<ServerResource> {
  await checkPanelHost(ctx.config.panelAllowedNetworks, input.hostname);
  const repo = ctx.ds.getRepository(PanelServer);
  const server = await repo.save(repo.create({
    name: input.name,
    type: input.type,
    hostname: input.hostname,
    port: input.port ?? defaultPanelPorts[input.type],
    username: input.username,
    secretEncrypted: ctx.secrets.encrypt(input.secret),
    tlsVerify: input.tls.verify,
    tlsCaCert: input.tls.caCert,
    tlsFingerprint: input.tls.fingerprint,
    maxConcurrency: input.maxConcurrency,
  }));
  return toServerResource(server);
}
