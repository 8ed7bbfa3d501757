import { PanelRejectedError } from '../panel-errors.js';
import type { PanelHttpClient, PanelHttpRequest } from '../http/panel-http-client.js';
import type { PanelAccount, PanelAdapter } from '../panel-adapter.js';
import type { PanelServerConfig } from '../panel-server-config.js';
import { resolveListedPackage } from '../resolve-listed-package.js';
import { encodeDaForm } from './da-encoding.js';
import {
  daErrorOf,
  readDaAccount,
  readDaPackages,
  readDaReply,
  type DaCallContext,
  type DaReply,
} from './da-replies.js';

/** The DirectAdmin commands the adapter sends. */
type DaCommand =
  | 'CMD_API_SHOW_USER_CONFIG'
  | 'CMD_API_PACKAGES_USER'
  | 'CMD_API_PACKAGES_RESELLER'
  | 'CMD_API_MODIFY_USER'
  | 'CMD_API_MODIFY_RESELLER';

/**
 * DirectAdmin through the legacy `CMD_API_*` commands with HTTP Basic auth (password or login key). Asks for JSON
 * (`json=yes`) and reads url-encoded replies from versions that ignore it; reads errors from the body before the
 * HTTP status (the JSON mode answers errors with 4xx/5xx).
 *
 * Resellers, as DirectAdmin scopes them: a package belongs to the reseller (or admin) that made it and is listed
 * only to that login. So the account is read first (`usertype`, `creator`), then
 * - a user account is listed and changed (`CMD_API_MODIFY_USER`) as its creator: the server's login as configured
 *   when it is the creator or already a login-as (`admin|reseller`), else `admin|<creator>` (login-as);
 * - a reseller account is listed with `CMD_API_PACKAGES_RESELLER` and changed with `CMD_API_MODIFY_RESELLER`, as
 *   the admin (the configured login without its `|reseller` part).
 */
export class DirectAdminAdapter implements PanelAdapter {
  /** The login as configured, e.g. `admin` or `admin|res1`. */
  private readonly login: string;
  /** The login that authenticates: the part before `|`. */
  private readonly baseLogin: string;
  /** Admin-level accounts read by this adapter: readable, never changed. */
  private readonly adminAccounts = new WeakSet<PanelAccount>();

  constructor(
    private readonly server: PanelServerConfig,
    private readonly http: PanelHttpClient,
  ) {
    this.login = server.username;
    this.baseLogin = server.username.split('|')[0]!;
  }

  async getAccount(user: string, signal?: AbortSignal): Promise<PanelAccount> {
    const { account, usertype } = await this.call(
      'CMD_API_SHOW_USER_CONFIG',
      this.login,
      { user },
      { method: 'GET', query: { user } },
      (reply) => readDaAccount(reply, user),
      signal,
    );
    if (usertype === 'admin') this.adminAccounts.add(account);
    return account;
  }

  async listPackages(account?: PanelAccount, signal?: AbortSignal): Promise<string[]> {
    if (account && this.adminAccounts.has(account)) {
      throw new PanelRejectedError(
        `directadmin server ${this.server.id}: ${account.user} is an admin account; Upshift changes the packages of users and resellers only`,
        { serverId: this.server.id },
      );
    }
    const command = account?.kind === 'reseller' ? 'CMD_API_PACKAGES_RESELLER' : 'CMD_API_PACKAGES_USER';
    return this.call(
      command,
      account ? this.loginFor(account) : this.login,
      {},
      { method: 'GET' },
      readDaPackages,
      signal,
    );
  }

  resolvePackage(account: PanelAccount, requested: string, packages: readonly string[]): string {
    return resolveListedPackage(account, requested, packages);
  }

  async changePackage(account: PanelAccount, pkg: string, signal?: AbortSignal): Promise<void> {
    const command = account.kind === 'reseller' ? 'CMD_API_MODIFY_RESELLER' : 'CMD_API_MODIFY_USER';
    const body = encodeDaForm({ action: 'package', user: account.user, package: pkg });
    await this.call(
      command,
      this.loginFor(account),
      { user: account.user, pkg },
      { method: 'POST', body, mutating: true },
      () => undefined,
      signal,
    );
  }

  readBack(account: PanelAccount, signal?: AbortSignal): Promise<PanelAccount> {
    return this.getAccount(account.user, signal);
  }

  /** Who lists and changes `account`'s packages: see the class comment. */
  private loginFor(account: PanelAccount): string {
    if (account.kind === 'reseller') return this.baseLogin;
    if (this.login.includes('|') || account.owner === null || account.owner === this.login) return this.login;
    return `${this.login}|${account.owner}`;
  }

  private call<T>(
    command: DaCommand,
    login: string,
    names: { user?: string; pkg?: string },
    req: Pick<PanelHttpRequest, 'method' | 'body' | 'mutating'> & { query?: Record<string, string> },
    read: (reply: DaReply) => T,
    signal?: AbortSignal,
  ): Promise<T> {
    const asWho = login === this.login ? '' : ` (as ${login})`;
    const ctx: DaCallContext = {
      label: `directadmin server ${this.server.id} ${command}${asWho}`,
      ...names,
      options: { serverId: this.server.id, action: command },
    };
    const headers: Record<string, string> = {
      Authorization: `Basic ${Buffer.from(`${login}:${this.server.secret}`).toString('base64')}`,
    };
    if (req.body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    return this.http.call(
      {
        action: command,
        method: req.method,
        path: `/${command}`,
        query: { ...req.query, json: 'yes' },
        ...(req.body !== undefined ? { body: req.body } : {}),
        headers,
        mutating: req.mutating ?? false,
        errorFromBody: (reply) => daErrorOf(reply, ctx),
      },
      (reply) => read(readDaReply(reply, ctx)),
      signal,
    );
  }
}
