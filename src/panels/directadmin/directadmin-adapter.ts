import type { PanelHttpClient } from '../http/panel-http-client.js';
import type { PanelAccount, PanelAdapter } from '../panel-adapter.js';
import type { PanelServerConfig } from '../panel-server-config.js';
import { encodeDaForm } from './da-encoding.js';
import { readDaAccount, readDaPackages, readDaReply, type DaCallContext } from './da-replies.js';

/**
 * DirectAdmin through the legacy `CMD_API_*` commands with HTTP Basic auth (password or login key;
 * `admin|reseller` logs in as the reseller). Asks for JSON (`json=yes`) and reads url-encoded replies from
 * versions that ignore it.
 */
export class DirectAdminAdapter implements PanelAdapter {
  private readonly headers: Record<string, string>;

  constructor(
    private readonly server: PanelServerConfig,
    private readonly http: PanelHttpClient,
  ) {
    this.headers = { Authorization: `Basic ${Buffer.from(`${server.username}:${server.secret}`).toString('base64')}` };
  }

  async getAccount(user: string, signal?: AbortSignal): Promise<PanelAccount> {
    const ctx = this.context('CMD_API_SHOW_USER_CONFIG', { user });
    return this.http.call(
      { action: 'CMD_API_SHOW_USER_CONFIG', method: 'GET', path: '/CMD_API_SHOW_USER_CONFIG', query: { user, json: 'yes' }, headers: this.headers },
      (reply) => readDaAccount(readDaReply(reply.body, reply.contentType, ctx)),
      signal,
    );
  }

  async listPackages(signal?: AbortSignal): Promise<string[]> {
    const ctx = this.context('CMD_API_PACKAGES_USER', {});
    return this.http.call(
      { action: 'CMD_API_PACKAGES_USER', method: 'GET', path: '/CMD_API_PACKAGES_USER', query: { json: 'yes' }, headers: this.headers },
      (reply) => readDaPackages(readDaReply(reply.body, reply.contentType, ctx)),
      signal,
    );
  }

  async changePackage(user: string, pkg: string, signal?: AbortSignal): Promise<void> {
    const ctx = this.context('CMD_API_MODIFY_USER', { user, pkg });
    await this.http.call(
      {
        action: 'CMD_API_MODIFY_USER',
        method: 'POST',
        path: '/CMD_API_MODIFY_USER',
        query: { json: 'yes' },
        body: encodeDaForm({ action: 'package', user, package: pkg }),
        headers: { ...this.headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        mutating: true,
      },
      (reply) => {
        readDaReply(reply.body, reply.contentType, ctx);
      },
      signal,
    );
  }

  private context(action: string, names: { user?: string; pkg?: string }): DaCallContext {
    return { label: `directadmin server ${this.server.id} ${action}`, ...names, options: { serverId: this.server.id, action } };
  }
}
