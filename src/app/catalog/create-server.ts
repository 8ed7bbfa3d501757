import { defaultPanelPorts } from '../../panels/panel-server-config.js';
import type { AppContext } from '../app-context.js';
import { PanelServer, type PanelType } from '../../db/entities/panel-server.entity.js';
import { toServerResource, type ServerResource } from './server-resource.js';

/** The API port each panel listens on unless told otherwise. */

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

/** Registers a control-panel server (DESIGN §4 `POST /v1/servers`). */
export async function createServer(ctx: AppContext, input: CreateServerInput): Promise<ServerResource> {
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
