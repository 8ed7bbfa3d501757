import { randomBytes } from 'node:crypto';
import {
  FakePanelServer,
  type FakeHandleContext,
  type FakeReply,
  type FakeRequest,
  type FakeServerTlsOptions,
  type FakeTlsMaterial,
} from './fake-panel-server.js';

/** An account on the fake WHM. */
export interface FakeWhmAccount {
  plan: string;
  /** @defaultValue false */
  suspended?: boolean;
  /**
   * Suspended by root with `disallowun=1`, so that only root may lift it: `accountsummary` shows `is_locked: 1`
   * (and `suspended: 1`). It is not a transfer or restore, and a package change still goes through.
   * @defaultValue false
   */
  locked?: boolean;
  /** `suspendreason` of a suspended account. @defaultValue 'billing' */
  suspendReason?: string;
  /** The WHM user (root or a reseller) that owns it. @defaultValue 'root' */
  owner?: string;
  /** @defaultValue `<user>.example.com` */
  domain?: string;
}

/** Options of `FakeCpanelServer.start`. */
export interface FakeCpanelOptions extends FakeServerTlsOptions {
  /** API tokens by WHM user (`root` or a reseller). @defaultValue `{ root: <random> }` */
  tokens?: Record<string, string>;
  /** Package names (a reseller's start with `<reseller>_`). @defaultValue ['starter', 'pro', 'business'] */
  packages?: string[];
  /** Accounts by username. @defaultValue `{ bob: { plan: 'starter' } }` */
  accounts?: Record<string, FakeWhmAccount>;
}

/** What cpsrvd serves on the WHM port to a request it does not take as authenticated (the WHMCS module and WHMSonic detect these very marks). */
const loginPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>WHM Login</title></head>
<body><div id="login-wrapper"><form action="/login/" method="POST" id="login_form" name="login_form">
<input name="user" id="user" type="text"><input name="pass" id="pass" type="password"><button type="submit" id="login_submit">Log in</button>
</form></div><footer>cPanel, L.L.C.</footer></body></html>`;

type Params = URLSearchParams;
type Api = { version: 0 | 1; fn: string };

/**
 * A fake cPanel & WHM: `/json-api/<function>` over GET or POST (query or form), WHM API 1 (`metadata` envelope)
 * when `api.version=1` and API 0 shapes otherwise, `Authorization: whm USER:TOKEN` or Basic. A wrong token gets
 * HTTP 403 `text/plain` with the `cpanelresult` "Access denied" body; a wrong Basic password or no credentials at
 * all get cpsrvd's login page with HTTP 200. Reseller ownership ("Umm.. what are you trying to pull here"), a
 * reseller sees only its `<reseller>_` packages, `API failure: (XID xxxxxx) <message>` reasons, `Changing plan
 * from A to B` in `output.raw`, and suspensions as `accountsummary` shows them (`suspended`, `is_locked` for a
 * suspension only root may lift). `changepackage` runs on suspended accounts, as WHM's does.
 * Implements `accountsummary`, `listpkgs` and `changepackage`.
 */
export class FakeCpanelServer extends FakePanelServer {
  readonly type = 'cpanel' as const;
  /** The login page cpsrvd serves instead of an API reply to a request it does not take as authenticated. */
  static readonly loginPage: string = loginPage;
  readonly tokens: Record<string, string>;
  readonly packages: string[];
  readonly accounts: Map<string, FakeWhmAccount>;

  private constructor(tls: FakeTlsMaterial, options: FakeCpanelOptions) {
    super(tls);
    this.tokens = { ...(options.tokens ?? { root: randomBytes(24).toString('hex') }) };
    this.packages = [...(options.packages ?? ['starter', 'pro', 'business'])];
    this.accounts = new Map(
      Object.entries(options.accounts ?? { bob: { plan: 'starter' } }).map(([u, a]) => [u, { ...a }]),
    );
  }

  /** Creates the fake and starts it on 127.0.0.1 (a free port). */
  static async start(options: FakeCpanelOptions = {}): Promise<FakeCpanelServer> {
    return new FakeCpanelServer(await FakePanelServer.tlsMaterial(options), options).listen();
  }

  get credentials(): { username: string; secret: string } {
    const [username, secret] = Object.entries(this.tokens)[0];
    return { username, secret };
  }

  protected describe(req: FakeRequest): { action: string; mutating: boolean } {
    const fn = /^\/json-api\/([A-Za-z_]+)$/.exec(req.url.pathname)?.[1] ?? 'unknown';
    return { action: fn, mutating: fn === 'changepackage' };
  }

  protected handle(req: FakeRequest, ctx: FakeHandleContext): FakeReply {
    const header = req.headers.authorization ?? '';
    const caller = this.authenticate(header);
    ctx.record.authorized = caller !== null;
    if (caller === null && !/^whm\s/i.test(header)) {
      // No token header: cpsrvd treats the request as a browser's and serves its login page, with HTTP 200.
      return { contentType: 'text/html; charset="utf-8"', body: loginPage };
    }
    if (caller === null) {
      return {
        status: 403,
        contentType: 'text/plain; charset="utf-8"',
        body: JSON.stringify({
          cpanelresult: {
            apiversion: '2',
            error: 'Access denied',
            data: { reason: 'Access denied', result: '0' },
            type: 'text',
          },
        }),
      };
    }
    const params = new URLSearchParams(req.url.search);
    if (req.method === 'POST') for (const [k, v] of new URLSearchParams(req.body)) params.set(k, v);
    const api: Api = { version: params.get('api.version') === '1' ? 1 : 0, fn: this.describe(req).action };
    switch (api.fn) {
      case 'accountsummary':
        return this.accountSummary(api, caller, params);
      case 'listpkgs':
        return this.listPackages(api, caller);
      case 'changepackage':
        return this.changePackage(api, caller, params, ctx);
      default:
        return failure(api, `Unknown app (“${api.fn}”) requested for this version (${api.version}) of the API.`);
    }
  }

  private authenticate(header: string): string | null {
    if (!header) return null;
    const whm = /^whm\s+([^:\s]+):(\S+)$/i.exec(header);
    const basic = /^basic\s+(\S+)$/i.exec(header);
    const [user, secret] = whm
      ? [whm[1], whm[2]]
      : basic
        ? splitOnce(Buffer.from(basic[1], 'base64').toString('utf8'), ':')
        : [null, null];
    return user !== null && this.tokens[user] !== undefined && this.tokens[user] === secret ? user : null;
  }

  private visibleAccount(caller: string, user: string): FakeWhmAccount | undefined {
    const account = this.accounts.get(user);
    return account && (caller === 'root' || (account.owner ?? 'root') === caller) ? account : undefined;
  }

  private visiblePackages(caller: string): string[] {
    return caller === 'root' ? this.packages : this.packages.filter((p) => p.startsWith(`${caller}_`));
  }

  private accountSummary(api: Api, caller: string, params: Params): FakeReply {
    const user = params.get('user') ?? '';
    if (!user) return failure(api, 'You must specify a user or domain to get a summary of.');
    const account = this.visibleAccount(caller, user);
    if (!account)
      return api.version === 1
        ? json({ data: { acct: [] }, metadata: metadata(api.fn, 0, 'Account does not exist.') })
        : json({ acct: [], status: 0, statusmsg: 'Account does not exist.' });
    const row = {
      user,
      domain: account.domain ?? `${user}.example.com`,
      plan: account.plan,
      owner: account.owner ?? 'root',
      suspended: account.suspended || account.locked ? 1 : 0,
      suspendreason: account.suspended || account.locked ? (account.suspendReason ?? 'billing') : 'not suspended',
      is_locked: account.locked ? 1 : 0,
      disklimit: 'unlimited',
      diskused: '14M',
      ip: '192.0.2.10',
      theme: 'jupiter',
      startdate: '13 May 22 16:03',
      unix_startdate: 1652457780,
      email: `${user}@example.com`,
      partition: 'home',
      shell: '/bin/bash',
    };
    return api.version === 1
      ? json({ data: { acct: [row] }, metadata: metadata(api.fn, 1, 'OK') })
      : json({ acct: [row], status: 1, statusmsg: 'Ok' });
  }

  private listPackages(api: Api, caller: string): FakeReply {
    const pkgs = this.visiblePackages(caller).map((name) => ({
      name,
      QUOTA: 'unlimited',
      BWLIMIT: 'unlimited',
      FEATURELIST: 'default',
      CPMOD: 'jupiter',
      MAXPOP: 'unlimited',
      HASSHELL: 'n',
      CGI: 'y',
      LANG: 'en',
    }));
    return api.version === 1
      ? json({ data: { pkg: pkgs }, metadata: metadata(api.fn, 1, 'OK') })
      : json({ package: pkgs });
  }

  private changePackage(api: Api, caller: string, params: Params, ctx: FakeHandleContext): FakeReply {
    for (const name of ['user', 'pkg']) {
      const value = params.get(name);
      if (value === null) return failure(api, `Provide the “${name}” parameter.`);
      if (value === '') return failure(api, `The value of “${name}” may not be empty.`);
    }
    const user = params.get('user')!;
    const pkg = params.get('pkg')!;
    const account = this.accounts.get(user);
    if (!account) return failure(api, `Sorry, the user ${user} does not exist`);
    if (caller !== 'root' && (account.owner ?? 'root') !== caller)
      return failure(api, `Umm.. what are you trying to pull here..\nYou do not own the user ${user}\n`);
    if (!this.visiblePackages(caller).includes(pkg)) return failure(api, 'Specified package does not exist.');
    const from = account.plan;
    account.plan = pkg;
    ctx.record.applied = true;
    const raw = `<pre>\nChanging the account bandwidth limit from “unlimited” to “unlimited”.\nChanging Feature List to default\nChanging cPanel theme from jupiter to jupiter\nChanging plan from ${from} to ${pkg}\n</pre>`;
    return api.version === 1
      ? json({ metadata: { ...metadata(api.fn, 1, 'OK'), output: { raw } } })
      : json({ result: [{ status: 1, statusmsg: `Account Upgrade/Downgrade Complete for ${user}`, rawout: raw }] });
  }
}

function metadata(command: string, result: 0 | 1, reason: string): Record<string, unknown> {
  return { command, reason, result, version: 1 };
}

/** A failure in the version's shape; API 1 reasons carry the `API failure: (XID …)` prefix. */
function failure(api: Api, message: string): FakeReply {
  if (api.version === 0) return json({ result: [{ status: 0, statusmsg: message }] });
  const xid = randomBytes(6)
    .toString('base64')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .padEnd(6, 'x')
    .slice(0, 6);
  return json({ metadata: metadata(api.fn, 0, `API failure: (XID ${xid}) ${message}`) });
}

function json(value: unknown): FakeReply {
  return { contentType: 'application/json; charset="utf-8"', body: JSON.stringify(value) };
}

function splitOnce(s: string, sep: string): [string, string] | [null, null] {
  const i = s.indexOf(sep);
  return i === -1 ? [null, null] : [s.slice(0, i), s.slice(i + 1)];
}
