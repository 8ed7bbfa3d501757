import type { PanelHttpClient } from '../http/panel-http-client.js';
import type { PanelAccount, PanelAdapter } from '../panel-adapter.js';
import type { PanelServerConfig } from '../panel-server-config.js';
import { readWhmAccount, readWhmPackages, unwrapWhmReply, type WhmCallContext } from './whm-replies.js';

/**
 * cPanel & WHM through WHM API 1 (`/json-api/<function>?api.version=1`), authenticated with an API token
 * (`Authorization: whm USER:TOKEN`). Package names are passed as they are, reseller prefix included.
 */
export class WhmAdapter implements PanelAdapter {
  private readonly headers: Record<string, string>;

  constructor(
    private readonly server: PanelServerConfig,
    private readonly http: PanelHttpClient,
  ) {
    this.headers = { Authorization: `whm ${server.username}:${server.secret}`, Accept: 'application/json' };
  }

  async getAccount(user: string, signal?: AbortSignal): Promise<PanelAccount> {
    const ctx = this.context('accountsummary', { user });
    return this.http.call(
      { action: 'accountsummary', method: 'GET', path: '/json-api/accountsummary', query: { 'api.version': '1', user }, headers: this.headers },
      (reply) => readWhmAccount(unwrapWhmReply(reply.body, ctx).data, ctx),
      signal,
    );
  }

  async listPackages(signal?: AbortSignal): Promise<string[]> {
    const ctx = this.context('listpkgs', {});
    return this.http.call(
      { action: 'listpkgs', method: 'GET', path: '/json-api/listpkgs', query: { 'api.version': '1' }, headers: this.headers },
      (reply) => readWhmPackages(unwrapWhmReply(reply.body, ctx).data),
      signal,
    );
  }

  async changePackage(user: string, pkg: string, signal?: AbortSignal): Promise<void> {
    const ctx = this.context('changepackage', { user, pkg });
    await this.http.call(
      { action: 'changepackage', method: 'GET', path: '/json-api/changepackage', query: { 'api.version': '1', user, pkg }, headers: this.headers, mutating: true },
      (reply) => {
        unwrapWhmReply(reply.body, ctx);
      },
      signal,
    );
  }

  private context(action: string, names: { user?: string; pkg?: string }): WhmCallContext {
    return { label: `cpanel server ${this.server.id} ${action}`, ...names, options: { serverId: this.server.id, action } };
  }
}
