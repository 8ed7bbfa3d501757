import type { PanelHttpClient } from '../http/panel-http-client.js';
import type { PanelAccount, PanelAdapter } from '../panel-adapter.js';
import type { PanelServerConfig } from '../panel-server-config.js';
import { resolveWhmPackage } from './resolve-whm-package.js';
import { readWhmAccount, readWhmPackages, unwrapWhmReply, type WhmCallContext } from './whm-replies.js';

/**
 * cPanel & WHM through WHM API 1 (`/json-api/<function>?api.version=1`), authenticated with an API token
 * (`Authorization: whm USER:TOKEN`; USER is root or a reseller). Reseller-owned accounts are put on their
 * reseller's `<reseller>_` packages (`resolveWhmPackage`); the write is the same `changepackage` for every account.
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
      {
        action: 'accountsummary',
        method: 'GET',
        path: '/json-api/accountsummary',
        query: { 'api.version': '1', user },
        headers: this.headers,
      },
      (reply) => readWhmAccount(unwrapWhmReply(reply.body, ctx).data, ctx),
      signal,
    );
  }

  /** `listpkgs`: the packages the API user sees (root: all, a reseller: its own); `resolvePackage` applies the owner rule. */
  async listPackages(_account?: PanelAccount, signal?: AbortSignal): Promise<string[]> {
    const ctx = this.context('listpkgs', {});
    return this.http.call(
      {
        action: 'listpkgs',
        method: 'GET',
        path: '/json-api/listpkgs',
        query: { 'api.version': '1' },
        headers: this.headers,
      },
      (reply) => readWhmPackages(unwrapWhmReply(reply.body, ctx).data),
      signal,
    );
  }

  resolvePackage(account: PanelAccount, requested: string, packages: readonly string[]): string {
    return resolveWhmPackage(account, requested, packages);
  }

  async changePackage(account: PanelAccount, pkg: string, signal?: AbortSignal): Promise<void> {
    const user = account.user;
    const ctx = this.context('changepackage', { user, pkg });
    await this.http.call(
      {
        action: 'changepackage',
        method: 'GET',
        path: '/json-api/changepackage',
        query: { 'api.version': '1', user, pkg },
        headers: this.headers,
        mutating: true,
      },
      (reply) => {
        unwrapWhmReply(reply.body, ctx);
      },
      signal,
    );
  }

  readBack(account: PanelAccount, signal?: AbortSignal): Promise<PanelAccount> {
    return this.getAccount(account.user, signal);
  }

  private context(action: string, names: { user?: string; pkg?: string }): WhmCallContext {
    return {
      label: `cpanel server ${this.server.id} ${action}`,
      ...names,
      options: { serverId: this.server.id, action },
    };
  }
}
