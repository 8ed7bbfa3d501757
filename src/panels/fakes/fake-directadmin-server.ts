import { randomBytes } from 'node:crypto';
import { encodeDaForm, parseDaForm } from '../directadmin/da-encoding.js';
import {
  FakePanelServer,
  type FakeHandleContext,
  type FakeReply,
  type FakeRequest,
  type FakeServerTlsOptions,
  type FakeTlsMaterial,
} from './fake-panel-server.js';

/** An account on the fake DirectAdmin: a user, or a reseller (whose own account is on a reseller package). */
export interface FakeDaUser {
  package: string;
  /** @defaultValue false */
  suspended?: boolean;
  /** @defaultValue `<user>.example.com` */
  domain?: string;
  /** The admin or reseller that made it, whose packages it uses. @defaultValue 'admin' */
  creator?: string;
  /** @defaultValue 'user' */
  usertype?: 'user' | 'reseller';
}

/** A login of the fake DirectAdmin (a password or a login key). */
export interface FakeDaLogin {
  password: string;
  /** `user`-level logins get the "authority level" text on these commands. @defaultValue 'admin' */
  level?: 'admin' | 'reseller' | 'user';
  /** A login key limited to these commands (`CMD_API_…`); others get "You cannot execute that command". @defaultValue all */
  commands?: string[];
}

/** Options of `FakeDirectAdminServer.start`. */
export interface FakeDirectAdminOptions extends FakeServerTlsOptions {
  /** @defaultValue `{ admin: { password: <random>, level: 'admin' } }` */
  logins?: Record<string, FakeDaLogin>;
  /** The admin's user packages. @defaultValue ['basic', 'gold', 'platinum'] */
  packages?: string[];
  /** User packages made by each reseller, listed only to that reseller's login. @defaultValue {} */
  resellerUserPackages?: Record<string, string[]>;
  /** The admin's reseller packages (`CMD_API_PACKAGES_RESELLER`). @defaultValue ['reseller-small', 'reseller-big'] */
  resellerPackages?: string[];
  /** @defaultValue `{ bob: { package: 'basic' } }` */
  users?: Record<string, FakeDaUser>;
  /**
   * Honour `json=yes` (newer versions): JSON bodies, and errors with HTTP 500 (403 for a command the login key may
   * not run) and an `{"error": …, "result": …}` body. False mimics a version that ignores it: url-encoded
   * `error=1&text=&details=` with HTTP 200.
   * @defaultValue true
   */
  json?: boolean;
  /**
   * After this many failed logins from one IP, that IP is blacklisted: every request then gets HTTP 403 with
   * `X-DirectAdmin` and a body saying so, and still counts (DA's brute-force blacklist; `brutecount`).
   * @defaultValue 5
   */
  blacklistAfter?: number;
}

const loginPage = `<!doctype html>
<html><head><meta charset="utf-8"><title>DirectAdmin Login</title></head>
<body><form action="/CMD_LOGIN" method="post"><input type="text" name="username"><input type="password" name="password"><button>Login</button></form></body></html>`;

const authorityLevel = "The request you've made cannot be executed because it does not exist in your authority level";

/** Who a request acts as after authentication (a login-as acts as its target). */
interface Actor {
  name: string;
  level: 'admin' | 'reseller' | 'user';
  commands?: string[];
}

/**
 * A fake DirectAdmin legacy API: `CMD_API_SHOW_USER_CONFIG`, `CMD_API_PACKAGES_USER`, `CMD_API_PACKAGES_RESELLER`,
 * `CMD_API_MODIFY_USER` and `CMD_API_MODIFY_RESELLER` with `action=package`. HTTP Basic with `admin|reseller`
 * login-as honoured (the request acts as the reseller: its users, its packages). Packages belong to their maker:
 * `PACKAGES_USER` lists the caller's own, and a user's package must be one of its creator's. Bad credentials get the
 * HTML login page with `X-DirectAdmin: Unauthorized`; a per-IP blacklist after repeated failures; url-encoded
 * replies (`list[]=`, `&#NN;` entities) or JSON with `json=yes` (errors then with 4xx/5xx and a JSON body); the
 * "authority level" text for user-level logins; "License check failure" while `licenceValid` is false.
 */
export class FakeDirectAdminServer extends FakePanelServer {
  readonly type = 'directadmin' as const;
  readonly logins: Record<string, FakeDaLogin>;
  readonly packages: string[];
  readonly resellerPackages: string[];
  readonly resellerUserPackages: Record<string, string[]>;
  readonly users: Map<string, FakeDaUser>;
  /** False: every authenticated command answers "License check failure" (an expired or invalid licence). */
  licenceValid = true;
  private readonly json: boolean;
  private readonly blacklistAfter: number;
  private readonly failedLogins = new Map<string, number>();

  private constructor(tls: FakeTlsMaterial, options: FakeDirectAdminOptions) {
    super(tls);
    this.logins = {
      ...(options.logins ?? { admin: { password: randomBytes(18).toString('base64url'), level: 'admin' } }),
    };
    this.packages = [...(options.packages ?? ['basic', 'gold', 'platinum'])];
    this.resellerPackages = [...(options.resellerPackages ?? ['reseller-small', 'reseller-big'])];
    this.resellerUserPackages = Object.fromEntries(
      Object.entries(options.resellerUserPackages ?? {}).map(([r, p]) => [r, [...p]]),
    );
    this.users = new Map(Object.entries(options.users ?? { bob: { package: 'basic' } }).map(([u, d]) => [u, { ...d }]));
    this.json = options.json ?? true;
    this.blacklistAfter = options.blacklistAfter ?? 5;
  }

  /** Creates the fake and starts it on 127.0.0.1 (a free port). */
  static async start(options: FakeDirectAdminOptions = {}): Promise<FakeDirectAdminServer> {
    return new FakeDirectAdminServer(await FakePanelServer.tlsMaterial(options), options).listen();
  }

  get credentials(): { username: string; secret: string } {
    const [username, login] = Object.entries(this.logins)[0];
    return { username, secret: login.password };
  }

  /** Whether `ip` is blacklisted after failed logins. */
  isBlacklisted(ip = '127.0.0.1'): boolean {
    return (this.failedLogins.get(ip) ?? 0) >= this.blacklistAfter;
  }

  /** Failed logins counted against `ip` (requests from a blacklisted IP still count). */
  failedLoginsFrom(ip = '127.0.0.1'): number {
    return this.failedLogins.get(ip) ?? 0;
  }

  protected describe(req: FakeRequest): { action: string; mutating: boolean } {
    const action = /^\/(CMD_API_[A-Z_]+)$/.exec(req.url.pathname)?.[1] ?? 'login-page';
    return { action, mutating: action === 'CMD_API_MODIFY_USER' || action === 'CMD_API_MODIFY_RESELLER' };
  }

  protected handle(req: FakeRequest, ctx: FakeHandleContext): FakeReply {
    if (this.isBlacklisted(req.remoteAddress)) {
      this.countFailure(req.remoteAddress);
      ctx.record.authorized = false;
      return {
        status: 403,
        contentType: 'text/plain',
        headers: { 'X-DirectAdmin': 'Your IP is blacklisted' },
        body: 'Your IP is blacklisted',
      };
    }
    const actor = this.authenticate(req);
    ctx.record.authorized = actor !== null;
    if (!actor)
      return { contentType: 'text/html; charset=utf-8', headers: { 'X-DirectAdmin': 'Unauthorized' }, body: loginPage };
    ctx.record.actingAs = actor.name;
    const action = this.describe(req).action;
    const asJson = this.json && req.url.searchParams.get('json') === 'yes';
    const reply = (values: Record<string, string | string[]> | string[]): FakeReply =>
      asJson
        ? { contentType: 'application/json', body: JSON.stringify(values) }
        : {
            contentType: 'text/plain',
            body: Array.isArray(values) ? encodeDaForm({ list: values }) : encodeDaFormWithEntities(values),
          };
    const fail = (text: string, details: string, status = 500): FakeReply =>
      asJson
        ? { status, contentType: 'application/json', body: JSON.stringify({ error: text, result: details }) }
        : reply({ error: '1', text, details });
    const ok = (text: string, details: string): FakeReply =>
      asJson ? reply({ success: text, result: details }) : reply({ error: '0', text, details });

    if (!this.licenceValid) return { contentType: 'text/plain', body: 'License check failure' };
    if (actor.commands && !actor.commands.includes(action))
      return fail('You cannot execute that command', `${action} is not allowed for this login key`, 403);
    if (actor.level === 'user') return { contentType: 'text/plain', body: authorityLevel };

    switch (action) {
      case 'CMD_API_SHOW_USER_CONFIG': {
        const name = req.url.searchParams.get('user') ?? '';
        const user = this.visibleUser(actor, name);
        if (!user) return fail('Unable to show user', `User ${name} does not exist`);
        return reply(userConfig(name, user));
      }
      case 'CMD_API_PACKAGES_USER':
        return reply(this.userPackagesOf(actor.name));
      case 'CMD_API_PACKAGES_RESELLER':
        return actor.level === 'admin'
          ? reply(this.resellerPackages)
          : { contentType: 'text/plain', body: authorityLevel };
      case 'CMD_API_MODIFY_USER':
      case 'CMD_API_MODIFY_RESELLER': {
        const reseller = action === 'CMD_API_MODIFY_RESELLER';
        if (reseller && actor.level !== 'admin') return { contentType: 'text/plain', body: authorityLevel };
        const title = reseller ? 'Cannot Modify Reseller' : 'Cannot Modify User';
        if (req.method !== 'POST') return fail(title, 'This command requires POST', 400);
        const form = parseDaForm(req.body);
        const field = (k: string): string => form.get(k)?.[0] ?? '';
        if (field('action') !== 'package') return fail(title, `Unknown action ${field('action')}`, 400);
        const user = this.visibleUser(actor, field('user'));
        if (!user || (user.usertype ?? 'user') !== (reseller ? 'reseller' : 'user'))
          return fail(title, `User ${field('user')} does not exist`);
        const usable = reseller ? this.resellerPackages : this.userPackagesOf(user.creator ?? 'admin');
        if (!usable.includes(field('package'))) return fail(title, `Package ${field('package')} does not exist`);
        user.package = field('package');
        ctx.record.applied = true;
        return ok('Package Changed', `${reseller ? 'Reseller' : 'User'}'s package changed to ${user.package}`);
      }
      default:
        return { contentType: 'text/html; charset=utf-8', body: loginPage };
    }
  }

  /** The users a login sees: all for the admin, its own (and itself) for a reseller. */
  private visibleUser(actor: Actor, name: string): FakeDaUser | undefined {
    const user = this.users.get(name);
    if (!user) return undefined;
    if (actor.level === 'admin') return user;
    return (user.creator ?? 'admin') === actor.name || name === actor.name ? user : undefined;
  }

  private userPackagesOf(maker: string): string[] {
    return maker === 'admin' || this.logins[maker]?.level === 'admin'
      ? this.packages
      : (this.resellerUserPackages[maker] ?? []);
  }

  /** Basic auth; `name|target` logs in as `name` and acts as `target` (admin → any account, reseller → its users). */
  private authenticate(req: FakeRequest): Actor | null {
    const basic = /^basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const decoded = basic ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const [name = '', target] = colon === -1 ? [''] : decoded.slice(0, colon).split('|');
    const login = this.logins[name];
    if (!login || login.password !== decoded.slice(colon + 1)) {
      this.countFailure(req.remoteAddress);
      return null;
    }
    const self: Actor = {
      name,
      level: login.level ?? 'admin',
      ...(login.commands ? { commands: login.commands } : {}),
    };
    if (target === undefined) return self;
    const account = this.users.get(target);
    const allowed =
      account && (self.level === 'admin' || (self.level === 'reseller' && (account.creator ?? 'admin') === name));
    if (!allowed) {
      this.countFailure(req.remoteAddress);
      return null;
    }
    return {
      name: target,
      level: (account.usertype ?? 'user') === 'reseller' ? 'reseller' : 'user',
      ...(self.commands ? { commands: self.commands } : {}),
    };
  }

  private countFailure(ip: string): void {
    this.failedLogins.set(ip, (this.failedLogins.get(ip) ?? 0) + 1);
  }
}

function userConfig(name: string, user: FakeDaUser): Record<string, string> {
  const domain = user.domain ?? `${name}.example.com`;
  return {
    bandwidth: '10000',
    quota: '1000',
    vdomains: '1',
    nsubdomains: 'unlimited',
    domain,
    email: `${name}@${domain}`,
    ip: '203.0.113.5',
    ips: '203.0.113.5',
    package: user.package,
    suspended: user.suspended ? 'yes' : 'no',
    usertype: user.usertype ?? 'user',
    creator: user.creator ?? 'admin',
    username: name,
    skin: 'evolution',
    date_created: 'Mon Dec  2 03:18:43 2019',
    ns1: 'ns1.example.com',
    ns2: 'ns2.example.com',
    php: 'ON',
    ssl: 'ON',
    cgi: 'ON',
    notes: "Customer's main site",
  };
}

/** Url-encodes like DirectAdmin, which writes some characters as HTML numeric entities (here: the apostrophe). */
function encodeDaFormWithEntities(values: Record<string, string | string[]>): string {
  return encodeDaForm(values).replace(/'/g, '&#39;');
}
