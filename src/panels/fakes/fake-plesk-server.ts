import { randomBytes, randomUUID } from 'node:crypto';
import { buildXml, child, parseXml, textAt, type XmlElement, type XmlObject } from '../plesk/xml.js';
import {
  FakePanelServer,
  type FakeHandleContext,
  type FakeReply,
  type FakeRequest,
  type FakeServerTlsOptions,
  type FakeTlsMaterial,
} from './fake-panel-server.js';

/** A service plan (or a reseller plan) on the fake Plesk. */
export interface FakePleskPlan {
  name: string;
  /** @defaultValue a random UUID */
  guid?: string;
  /** The login of the admin or reseller that owns the (service) plan. @defaultValue the admin login */
  owner?: string;
  /** When set, switching a subscription to this plan answers `ok` with this `<problems>` table. */
  problems?: string;
}

/** A subscription on the fake Plesk, by its name (main domain). */
export interface FakePleskSubscription {
  /** Service plan name. */
  plan: string;
  /** Owner of that plan, when several owners have a plan of that name. @defaultValue the first plan of that name */
  planOwner?: string;
  /** GUIDs of add-on plans; they appear among the subscription's `plan-guid`s. @defaultValue [] */
  addonGuids?: string[];
  /** `gen_info/status`: 0 active, 16 disabled by admin, … @defaultValue 0 */
  status?: number;
}

/** A reseller account on the fake Plesk, by its login. */
export interface FakePleskReseller {
  /** Reseller plan name. */
  plan: string;
  /** `gen-info/status`. @defaultValue 0 */
  status?: number;
}

/** Options of `FakePleskServer.start`. */
export interface FakePleskOptions extends FakeServerTlsOptions {
  /** The admin login (`HTTP_AUTH_LOGIN`/`HTTP_AUTH_PASSWD`). @defaultValue `{ username: 'admin', password: <random> }` */
  login?: { username: string; password: string };
  /** A secret key accepted in the `KEY` header. @defaultValue none */
  secretKey?: string;
  /** Service plans; a plan without `owner` is the admin's. @defaultValue Starter, Pro, Business */
  plans?: Array<string | FakePleskPlan>;
  /** @defaultValue `{ 'example.com': { plan: 'Starter', addonGuids: [<random>] } }` */
  subscriptions?: Record<string, FakePleskSubscription>;
  /** Reseller plans (`reseller-plan get`). @defaultValue Reseller Small, Reseller Big */
  resellerPlans?: Array<string | FakePleskPlan>;
  /** Reseller accounts by login. @defaultValue none */
  resellers?: Record<string, FakePleskReseller>;
}

interface Plan {
  id: number;
  name: string;
  guid: string;
  owner: string;
  problems?: string;
}

interface Subscription {
  id: number;
  planGuid: string;
  addonGuids: string[];
  status: number;
}

interface Reseller {
  id: number;
  login: string;
  planGuid: string;
  status: number;
}

/** Errors the fake answers with; texts follow Plesk's reduced error list (panel-apis.md §2.2). */
const errors = {
  auth: ['1001', 'Authentication failed - wrong password.'],
  badKey: ['11003', 'Secret key validation failed.'],
  unknownAuth: ['1029', 'Unknown authentication method.'],
  parse: ['1014', 'Parser error: Request is invalid.'],
  notFound: ['1013', 'Object not found.'],
  planNotFound: ['1013', 'Service plan does not exist.'],
  unsupported: ['1017', 'Feature not supported.'],
  failed: ['1023', 'Operation failed.'],
} as const;

/** The first protocol whose `service-plan get` takes `<owner-all/>`. */
const ownerAllSince = [1, 6, 3, 4];

/**
 * A fake Plesk XML API: one `POST /enterprise/control/agent.php` endpoint taking `text/xml` packets, auth by
 * `HTTP_AUTH_LOGIN`/`HTTP_AUTH_PASSWD` (1001) or `KEY` (11003) reported under `<system>`, unparseable packets
 * (1014), HTTP 200 always. Plans belong to an owner, as in Plesk: `service-plan get` lists the requester's (the
 * admin's) plans, a reseller's with `<owner-login>`, everyone's with `<owner-all/>` (protocol 1.6.3.4 and later;
 * 1014 before), each result carrying its `owner-login`; a subscription can only be switched to a plan of its plan's
 * owner (1013 otherwise). `webspace get` with `gen_info` + `subscriptions` (service plan and add-on `plan-guid`s,
 * status 4 while the `locked` fault runs), `webspace switch-subscription` by name/id with `plan-guid` and optional
 * `<problems>`; `reseller get` (`gen-info`, `subscriptions`), `reseller-plan get` and `reseller switch-subscription`.
 */
export class FakePleskServer extends FakePanelServer {
  readonly type = 'plesk' as const;
  readonly login: { username: string; password: string };
  readonly secretKey: string | undefined;
  readonly plans: Plan[];
  readonly resellerPlans: Plan[];
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly resellers = new Map<string, Reseller>();

  private constructor(tls: FakeTlsMaterial, options: FakePleskOptions) {
    super(tls);
    this.login = options.login ?? { username: 'admin', password: randomBytes(18).toString('base64url') };
    this.secretKey = options.secretKey;
    const toPlan = (p: string | FakePleskPlan, i: number): Plan => {
      const plan = typeof p === 'string' ? { name: p } : p;
      return {
        id: i + 1,
        name: plan.name,
        guid: plan.guid ?? randomUUID(),
        owner: plan.owner ?? this.login.username,
        ...(plan.problems ? { problems: plan.problems } : {}),
      };
    };
    this.plans = (options.plans ?? ['Starter', 'Pro', 'Business']).map(toPlan);
    this.resellerPlans = (options.resellerPlans ?? ['Reseller Small', 'Reseller Big']).map(toPlan);
    let id = 1;
    for (const [name, s] of Object.entries(
      options.subscriptions ?? { 'example.com': { plan: 'Starter', addonGuids: [randomUUID()] } },
    )) {
      this.subscriptions.set(name, {
        id: id++,
        planGuid: this.planNamed(this.plans, s.plan, s.planOwner).guid,
        addonGuids: [...(s.addonGuids ?? [])],
        status: s.status ?? 0,
      });
    }
    for (const [login, r] of Object.entries(options.resellers ?? {})) {
      this.resellers.set(login, {
        id: id++,
        login,
        planGuid: this.planNamed(this.resellerPlans, r.plan).guid,
        status: r.status ?? 0,
      });
    }
  }

  /** Creates the fake and starts it on 127.0.0.1 (a free port). */
  static async start(options: FakePleskOptions = {}): Promise<FakePleskServer> {
    return new FakePleskServer(await FakePanelServer.tlsMaterial(options), options).listen();
  }

  get credentials(): { username: string; secret: string } {
    return { username: this.login.username, secret: this.login.password };
  }

  /** The service plan a subscription is on (undefined for an unknown subscription or one on no plan). */
  planOf(subscription: string): Plan | undefined {
    const s = this.subscriptions.get(subscription);
    return s && this.plans.find((p) => p.guid === s.planGuid);
  }

  /** The reseller plan a reseller account is on. */
  resellerPlanOf(login: string): Plan | undefined {
    const r = this.resellers.get(login);
    return r && this.resellerPlans.find((p) => p.guid === r.planGuid);
  }

  protected describe(req: FakeRequest): { action: string; mutating: boolean } {
    const operation = this.operation(req);
    const action = operation ? `${operation.operator}.${operation.name}` : 'unparseable';
    return { action, mutating: action.endsWith('.switch-subscription') };
  }

  protected handle(req: FakeRequest, ctx: FakeHandleContext): FakeReply {
    if (req.method !== 'POST' || req.url.pathname !== '/enterprise/control/agent.php') {
      return { status: 404, contentType: 'text/html', body: '<html><body><h1>404 Not Found</h1></body></html>' };
    }
    const auth = this.authenticate(req);
    ctx.record.authorized = auth === null;
    if (auth) return systemError(auth);
    if (!/^text\/xml/i.test(String(req.headers['content-type'] ?? ''))) return systemError(errors.parse);
    const operation = this.operation(req);
    if (!operation) return systemError(errors.parse);
    const { operator, name, element, version } = operation;
    if (child(element, 'owner-all') && !atLeast(version, ownerAllSince)) return systemError(errors.parse);
    const results = (() => {
      switch (`${operator}.${name}`) {
        case 'service-plan.get':
          return this.getServicePlans(element);
        case 'reseller-plan.get':
          return this.getResellerPlans(element);
        case 'webspace.get':
          return this.getWebspace(element, ctx);
        case 'webspace.switch-subscription':
          return [this.switchSubscription(element, ctx)];
        case 'reseller.get':
          return this.getReseller(element);
        case 'reseller.switch-subscription':
          return [this.switchReseller(element, ctx)];
        default:
          return [errorResult(errors.unsupported)];
      }
    })();
    return xmlReply({ [operator]: { [name]: { result: results } } });
  }

  private authenticate(req: FakeRequest): readonly [string, string] | null {
    const key = req.headers.key;
    if (typeof key === 'string') return this.secretKey !== undefined && key === this.secretKey ? null : errors.badKey;
    const login = req.headers.http_auth_login;
    const password = req.headers.http_auth_passwd;
    if (typeof login !== 'string' || typeof password !== 'string') return errors.unknownAuth;
    return login === this.login.username && password === this.login.password ? null : errors.auth;
  }

  private operation(req: FakeRequest): { operator: string; name: string; element: XmlElement; version: string } | null {
    let packet: XmlElement;
    try {
      packet = parseXml(req.body);
    } catch {
      return null;
    }
    const operator = packet.name === 'packet' ? packet.children[0] : undefined;
    const element = operator?.children[0];
    // No version attribute: the latest protocol (panel-apis.md §2.1).
    return operator && element
      ? { operator: operator.name, name: element.name, element, version: packet.attrs.version ?? '1.6.9.1' }
      : null;
  }

  private planNamed(plans: Plan[], name: string, owner?: string): Plan {
    const plan = plans.find((p) => p.name === name && (owner === undefined || p.owner === owner));
    if (!plan) throw new Error(`fake Plesk: no plan named ${name}${owner ? ` owned by ${owner}` : ''}`);
    return plan;
  }

  /** `service-plan get`: the requester's plans, or `owner-login`'s / `owner-id`'s, or everyone's with `owner-all`. */
  private getServicePlans(get: XmlElement): XmlObject[] {
    const ownerLogin = textAt(get, 'owner-login');
    const scope = child(get, 'owner-all')
      ? this.plans
      : this.plans.filter((p) => p.owner === (ownerLogin ?? this.login.username));
    return filterPlans(scope, child(get, 'filter'), errors.planNotFound);
  }

  private getResellerPlans(get: XmlElement): XmlObject[] {
    return filterPlans(this.resellerPlans, child(get, 'filter'), errors.notFound);
  }

  private findSubscription(
    filter: XmlElement | undefined,
  ): { filterId: string; name: string; sub: Subscription } | { filterId: string; sub: undefined } {
    const byName = textAt(filter, 'name');
    const byId = textAt(filter, 'id');
    for (const [name, sub] of this.subscriptions) {
      if ((byName !== undefined && name === byName) || (byId !== undefined && String(sub.id) === byId))
        return { filterId: byName ?? byId!, name, sub };
    }
    return { filterId: byName ?? byId ?? '', sub: undefined };
  }

  private getWebspace(get: XmlElement, ctx: FakeHandleContext): XmlObject[] {
    const found = this.findSubscription(child(get, 'filter'));
    if (!found.sub) return [errorResult(errors.notFound, found.filterId)];
    const { sub, name } = found;
    const dataset = child(get, 'dataset');
    const data: XmlObject = {};
    if (child(dataset, 'gen_info')) {
      const status = ctx.locked ? 4 : sub.status;
      data.gen_info = {
        cr_date: '2024-01-01',
        name,
        'ascii-name': name,
        status: String(status),
        real_size: '123',
        'owner-id': '3',
        dns_ip_address: '203.0.113.5',
        htype: 'vrt_hst',
        guid: randomUUID(),
      };
    }
    if (child(dataset, 'subscriptions')) {
      const guids = [sub.planGuid, ...sub.addonGuids];
      data.subscriptions = {
        subscription: { locked: 'false', synchronized: 'true', plan: guids.map((g) => ({ 'plan-guid': g })) },
      };
    }
    return [{ status: 'ok', 'filter-id': found.filterId, id: String(sub.id), data }];
  }

  private switchSubscription(op: XmlElement, ctx: FakeHandleContext): XmlObject {
    const found = this.findSubscription(child(op, 'filter'));
    if (!found.sub) return errorResult(errors.notFound, found.filterId);
    // A subscription stays with its plan's owner: another owner's plan does not exist from where it stands.
    const vendor = this.plans.find((p) => p.guid === found.sub.planGuid)?.owner;
    const plan = this.plans.find(
      (p) => p.guid === textAt(op, 'plan-guid') && (vendor === undefined || p.owner === vendor),
    );
    if (!plan) return errorResult(errors.planNotFound, found.filterId);
    if (ctx.locked) return errorResult(errors.failed, found.filterId);
    found.sub.planGuid = plan.guid;
    ctx.record.applied = true;
    return {
      status: 'ok',
      'filter-id': found.filterId,
      id: String(found.sub.id),
      ...(plan.problems ? { problems: plan.problems } : {}),
    };
  }

  private findReseller(filter: XmlElement | undefined): Reseller | undefined {
    const login = textAt(filter, 'login');
    const id = textAt(filter, 'id');
    return [...this.resellers.values()].find(
      (r) => (login !== undefined && r.login === login) || (id !== undefined && String(r.id) === id),
    );
  }

  private getReseller(get: XmlElement): XmlObject[] {
    const filter = child(get, 'filter');
    const reseller = this.findReseller(filter);
    const filterId = textAt(filter, 'login') ?? textAt(filter, 'id') ?? '';
    if (!reseller) return [errorResult(errors.notFound, filterId)];
    const dataset = child(get, 'dataset');
    const data: XmlObject = {};
    if (child(dataset, 'gen-info'))
      data['gen-info'] = {
        'cr-date': '2024-01-01',
        cname: '',
        pname: reseller.login,
        login: reseller.login,
        status: String(reseller.status),
        email: `${reseller.login}@example.com`,
        guid: randomUUID(),
      };
    if (child(dataset, 'subscriptions'))
      data.subscriptions = {
        subscription: { locked: 'false', synchronized: 'true', plan: { 'plan-guid': reseller.planGuid } },
      };
    return [{ status: 'ok', 'filter-id': filterId, id: String(reseller.id), data }];
  }

  private switchReseller(op: XmlElement, ctx: FakeHandleContext): XmlObject {
    const filter = child(op, 'filter');
    const reseller = this.findReseller(filter);
    const filterId = textAt(filter, 'id') ?? textAt(filter, 'login') ?? '';
    if (!reseller) return errorResult(errors.notFound, filterId);
    const plan = this.resellerPlans.find((p) => p.guid === textAt(op, 'plan-guid'));
    if (!plan) return errorResult(errors.notFound, filterId);
    reseller.planGuid = plan.guid;
    ctx.record.applied = true;
    return { status: 'ok', 'filter-id': filterId, id: String(reseller.id) };
  }
}

/** Applies a plan filter (empty or `<all/>`: every plan; else by name/guid/id, one result per criterion). */
function filterPlans(scope: Plan[], filter: XmlElement | undefined, notFound: readonly [string, string]): XmlObject[] {
  const criteria = (filter?.children ?? []).filter((c) => c.name !== 'all');
  if (criteria.length === 0) return scope.map((p) => planResult(p, undefined));
  return criteria.map((c) => {
    const value = c.text.trim();
    const plan = scope.find(
      (p) =>
        (c.name === 'name' ? p.name : c.name === 'guid' ? p.guid : c.name === 'id' ? String(p.id) : undefined) ===
        value,
    );
    return plan ? planResult(plan, value) : errorResult(notFound, value);
  });
}

function planResult(plan: Plan, filterId: string | undefined): XmlObject {
  return {
    status: 'ok',
    ...(filterId ? { 'filter-id': filterId } : {}),
    id: String(plan.id),
    name: plan.name,
    guid: plan.guid,
    'external-id': '',
    'owner-login': plan.owner,
  };
}

function errorResult([code, text]: readonly [string, string], filterId?: string): XmlObject {
  return { status: 'error', errcode: code, errtext: text, ...(filterId ? { 'filter-id': filterId } : {}) };
}

function systemError([code, text]: readonly [string, string]): FakeReply {
  return xmlReply({ system: { status: 'error', errcode: code, errtext: text } });
}

function xmlReply(packet: XmlObject): FakeReply {
  return { contentType: 'text/xml', body: buildXml('packet', { '@_version': '1.6.3.4', ...packet }) };
}

function atLeast(version: string, min: number[]): boolean {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < min.length; i++) {
    const a = parts[i] ?? 0;
    if (a !== min[i]) return a > min[i];
  }
  return true;
}
