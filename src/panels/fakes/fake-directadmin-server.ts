import { randomBytes } from 'node:crypto';
import { encodeDaForm, parseDaForm } from '../directadmin/da-encoding.js';
import { FakePanelServer, type FakeHandleContext, type FakeReply, type FakeRequest, type FakeServerTlsOptions, type FakeTlsMaterial } from './fake-panel-server.js';

/** A user account on the fake DirectAdmin. */
export interface FakeDaUser {
  package: string;
  /** @defaultValue false */
  suspended?: boolean;
  /** @defaultValue `<user>.example.com` */
  domain?: string;
}

/** A login of the fake DirectAdmin. `user`-level logins hit the "authority level" error on these commands. */
export interface FakeDaLogin {
  password: string;
  /** @defaultValue 'admin' */
  level?: 'admin' | 'reseller' | 'user';
}

/** Options of `FakeDirectAdminServer.start`. */
export interface FakeDirectAdminOptions extends FakeServerTlsOptions {
  /** @defaultValue `{ admin: { password: <random>, level: 'admin' } }` */
  logins?: Record<string, FakeDaLogin>;
  /** @defaultValue ['basic', 'gold', 'platinum'] */
  packages?: string[];
  /** @defaultValue `{ bob: { package: 'basic' } }` */
  users?: Record<string, FakeDaUser>;
  /**
   * Honour `json=yes` (newer versions). False mimics a version that ignores it and always answers url-encoded.
   * @defaultValue true
   */
  json?: boolean;
  /**
   * After this many failed logins from one IP, that IP gets the login page whatever it sends (DA's brute-force blacklist).
   * @defaultValue 5
   */
  blacklistAfter?: number;
}

const loginPage = `<!doctype html>
<html><head><meta charset="utf-8"><title>DirectAdmin Login</title></head>
<body><form action="/CMD_LOGIN" method="post"><input type="text" name="username"><input type="password" name="password"><button>Login</button></form></body></html>`;

const authorityLevel = "The request you've made cannot be executed because it does not exist in your authority level";

/**
 * A fake DirectAdmin legacy API: `CMD_API_SHOW_USER_CONFIG`, `CMD_API_PACKAGES_USER` and
 * `CMD_API_MODIFY_USER action=package`, HTTP Basic with `admin|user` login-as, the HTML login page for bad
 * credentials and a per-IP blacklist after repeated failures, url-encoded replies (`list[]=`, `&#NN;` entities)
 * or JSON with `json=yes`, and the "authority level" text for user-level logins.
 */
export class FakeDirectAdminServer extends FakePanelServer {
  readonly type = 'directadmin' as const;
  readonly logins: Record<string, FakeDaLogin>;
  readonly packages: string[];
  readonly users: Map<string, FakeDaUser>;
  private readonly json: boolean;
  private readonly blacklistAfter: number;
  private readonly failedLogins = new Map<string, number>();

  private constructor(tls: FakeTlsMaterial, options: FakeDirectAdminOptions) {
    super(tls);
    this.logins = { ...(options.logins ?? { admin: { password: randomBytes(18).toString('base64url'), level: 'admin' } }) };
    this.packages = [...(options.packages ?? ['basic', 'gold', 'platinum'])];
    this.users = new Map(Object.entries(options.users ?? { bob: { package: 'basic' } }).map(([u, d]) => [u, { ...d }]));
    this.json = options.json ?? true;
    this.blacklistAfter = options.blacklistAfter ?? 5;
  }

  /** Creates the fake and starts it on 127.0.0.1 (a free port). */
  static async start(options: FakeDirectAdminOptions = {}): Promise<FakeDirectAdminServer> {
    return new FakeDirectAdminServer(await FakePanelServer.tlsMaterial(options), options).listen();
  }

  get credentials(): { username: string; secret: string } {
    const [username, login] = Object.entries(this.logins)[0]!;
    return { username, secret: login.password };
  }

  /** Whether `ip` is blacklisted after failed logins. */
  isBlacklisted(ip = '127.0.0.1'): boolean {
    return (this.failedLogins.get(ip) ?? 0) >= this.blacklistAfter;
  }

  protected describe(req: FakeRequest): { action: string; mutating: boolean } {
    const action = /^\/(CMD_API_[A-Z_]+)$/.exec(req.url.pathname)?.[1] ?? 'login-page';
    return { action, mutating: action === 'CMD_API_MODIFY_USER' };
  }

  protected handle(req: FakeRequest, ctx: FakeHandleContext): FakeReply {
    const login = this.authenticate(req);
    ctx.record.authorized = login !== null;
    if (!login) return { contentType: 'text/html; charset=utf-8', body: loginPage };
    if (login.level === 'user') return { contentType: 'text/plain', body: authorityLevel };
    const asJson = this.json && req.url.searchParams.get('json') === 'yes';
    const reply = (values: Record<string, string | string[]> | string[]): FakeReply =>
      asJson ? { contentType: 'application/json', body: JSON.stringify(values) } : { contentType: 'text/plain', body: Array.isArray(values) ? encodeDaForm({ list: values }) : encodeDaFormWithEntities(values) };
    const fail = (text: string, details: string): FakeReply => (asJson ? reply({ error: text, result: details }) : reply({ error: '1', text, details }));

    switch (this.describe(req).action) {
      case 'CMD_API_SHOW_USER_CONFIG': {
        const name = req.url.searchParams.get('user') ?? '';
        const user = this.users.get(name);
        if (!user) return fail('Unable to show user', `User ${name} does not exist`);
        if (ctx.locked) return fail('Unable to show user', `User ${name} is being modified by another task; try again later`);
        return reply(userConfig(name, user));
      }
      case 'CMD_API_PACKAGES_USER':
        return reply(this.packages);
      case 'CMD_API_MODIFY_USER': {
        if (req.method !== 'POST') return fail('Cannot Modify User', 'This command requires POST');
        const form = parseDaForm(req.body);
        const field = (k: string): string => form.get(k)?.[0] ?? '';
        if (field('action') !== 'package') return fail('Cannot Modify User', `Unknown action ${field('action')}`);
        const user = this.users.get(field('user'));
        if (!user) return fail('Cannot Modify User', `User ${field('user')} does not exist`);
        if (!this.packages.includes(field('package'))) return fail('Cannot Modify User', `Package ${field('package')} does not exist`);
        if (ctx.locked) return fail('Cannot Modify User', `User ${field('user')} is being modified by another task; try again later`);
        user.package = field('package');
        ctx.record.applied = true;
        return asJson ? reply({ success: 'Package Changed', result: `User's package changed to ${user.package}` }) : reply({ error: '0', text: 'Package Changed', details: `User's package changed to ${user.package}` });
      }
      default:
        return { contentType: 'text/html; charset=utf-8', body: loginPage };
    }
  }

  private authenticate(req: FakeRequest): FakeDaLogin | null {
    if (this.isBlacklisted(req.remoteAddress)) return null;
    const basic = /^basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const decoded = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const name = colon === -1 ? '' : decoded.slice(0, colon).split('|')[0]!;
    const login = this.logins[name];
    if (login && login.password === decoded.slice(colon + 1)) return { level: 'admin', ...login };
    this.failedLogins.set(req.remoteAddress, (this.failedLogins.get(req.remoteAddress) ?? 0) + 1);
    return null;
  }
}

function userConfig(name: string, user: FakeDaUser): Record<string, string> {
  const domain = user.domain ?? `${name}.example.com`;
  return {
    bandwidth: '10000', quota: '1000', vdomains: '1', nsubdomains: 'unlimited', domain, email: `${name}@${domain}`,
    ip: '203.0.113.5', ips: '203.0.113.5', package: user.package, suspended: user.suspended ? 'yes' : 'no',
    usertype: 'user', creator: 'admin', username: name, skin: 'evolution', date_created: 'Mon Dec  2 03:18:43 2019',
    ns1: 'ns1.example.com', ns2: 'ns2.example.com', php: 'ON', ssl: 'ON', cgi: 'ON', notes: "Customer's main site",
  };
}

/** Url-encodes like DirectAdmin, which writes some characters as HTML numeric entities (here: the apostrophe). */
function encodeDaFormWithEntities(values: Record<string, string | string[]>): string {
  return encodeDaForm(values).replace(/'/g, '&#39;');
}
