import { PanelServer, type PanelType } from '../../db/entities/panel-server.entity.js';
import { defaultPanelPorts } from '../../panels/panel-server-config.js';
import type { AppContext } from '../app-context.js';
import { checkPanelHost } from './check-panel-host.js';
import { NotFoundError } from '../errors.js';

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
  const server = await repo.save(
    repo.create({
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
    }),
  );
  return toServerResource(server);
}

export async function getServer(ctx: AppContext, id: number): Promise<ServerResource> {
  const server = await ctx.ds.getRepository(PanelServer).findOneBy({ id });
  if (!server) throw new NotFoundError('server', id);
  return toServerResource(server);
}
