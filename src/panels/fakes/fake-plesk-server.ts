import { randomBytes, randomUUID } from 'node:crypto';
import { buildXml, child, parseXml, textAt, type XmlElement, type XmlObject } from '../plesk/xml.js';
import { FakePanelServer, type FakeHandleContext, type FakeReply, type FakeRequest, type FakeServerTlsOptions, type FakeTlsMaterial } from './fake-panel-server.js';

/** A service plan on the fake Plesk. */
export interface FakePleskPlan {
  name: string;
  /** @defaultValue a random UUID */
  guid?: string;
  /** When set, switching a subscription to this plan answers `ok` with this `<problems>` table. */
  problems?: string;
}

/** A subscription on the fake Plesk, by its name (main domain). */
export interface FakePleskSubscription {
  /** Service plan name. */
  plan: string;
  /** GUIDs of add-on plans; they appear among the subscription's `plan-guid`s. @defaultValue [] */
  addonGuids?: string[];
  /** `gen_info/status`: 0 active, 16 disabled by admin, … @defaultValue 0 */
  status?: number;
}

/** Options of `FakePleskServer.start`. */
export interface FakePleskOptions extends FakeServerTlsOptions {
  /** The admin login (`HTTP_AUTH_LOGIN`/`HTTP_AUTH_PASSWD`). @defaultValue `{ username: 'admin', password: <random> }` */
  login?: { username: string; password: string };
  /** A secret key accepted in the `KEY` header. @defaultValue none */
  secretKey?: string;
  /** @defaultValue Starter, Pro, Business */
  plans?: Array<string | FakePleskPlan>;
  /** @defaultValue `{ 'example.com': { plan: 'Starter', addonGuids: [<random>] } }` */
  subscriptions?: Record<string, FakePleskSubscription>;
}

interface Subscription {
  id: number;
  planGuid: string;
  addonGuids: string[];
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
  locked: ['1023', 'Operation failed: the subscription is being backed up or restored.'],
} as const;

/**
 * A fake Plesk XML API: one `POST /enterprise/control/agent.php` endpoint taking `text/xml` packets, auth by
 * `HTTP_AUTH_LOGIN`/`HTTP_AUTH_PASSWD` (1001) or `KEY` (11003) reported under `<system>`, unparseable packets
 * (1014), `service-plan get` by name/guid/id or all, `webspace get` with `gen_info` + `subscriptions`
 * (service plan and add-on `plan-guid`s), `webspace switch-subscription` by name/id with `plan-guid` (1013
 * when unknown) and optional `<problems>`. HTTP 200 always.
 */
export class FakePleskServer extends FakePanelServer {
  readonly type = 'plesk' as const;
  readonly login: { username: string; password: string };
  readonly secretKey: string | undefined;
  readonly plans: Array<Required<Pick<FakePleskPlan, 'name' | 'guid'>> & { id: number; problems?: string }>;
  private readonly subscriptions: Map<string, Subscription>;

  private constructor(tls: FakeTlsMaterial, options: FakePleskOptions) {
    super(tls);
    this.login = options.login ?? { username: 'admin', password: randomBytes(18).toString('base64url') };
    this.secretKey = options.secretKey;
    this.plans = (options.plans ?? ['Starter', 'Pro', 'Business']).map((p, i) => {
      const plan = typeof p === 'string' ? { name: p } : p;
      return { id: i + 1, name: plan.name, guid: plan.guid ?? randomUUID(), ...(plan.problems ? { problems: plan.problems } : {}) };
    });
    this.subscriptions = new Map();
    let id = 1;
    for (const [name, s] of Object.entries(options.subscriptions ?? { 'example.com': { plan: 'Starter', addonGuids: [randomUUID()] } })) {
      this.subscriptions.set(name, { id: id++, planGuid: this.planByName(s.plan).guid, addonGuids: [...(s.addonGuids ?? [])], status: s.status ?? 0 });
    }
  }

  /** Creates the fake and starts it on 127.0.0.1 (a free port). */
  static async start(options: FakePleskOptions = {}): Promise<FakePleskServer> {
    return new FakePleskServer(await FakePanelServer.tlsMaterial(options), options).listen();
  }

  get credentials(): { username: string; secret: string } {
    return { username: this.login.username, secret: this.login.password };
  }

  /** The service plan name a subscription is on (undefined for an unknown subscription). */
  planOf(subscription: string): string | undefined {
    const s = this.subscriptions.get(subscription);
    return s && this.plans.find((p) => p.guid === s.planGuid)?.name;
  }

  protected describe(req: FakeRequest): { action: string; mutating: boolean } {
    const operation = this.operation(req);
    const action = operation ? `${operation.operator}.${operation.name}` : 'unparseable';
    return { action, mutating: action === 'webspace.switch-subscription' };
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
    const { operator, name, element } = operation;
    const results = (() => {
      switch (`${operator}.${name}`) {
        case 'service-plan.get':
          return this.getPlans(element);
        case 'webspace.get':
          return this.getWebspace(element, ctx);
        case 'webspace.switch-subscription':
          return [this.switchSubscription(element, ctx)];
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

  private operation(req: FakeRequest): { operator: string; name: string; element: XmlElement } | null {
    let packet: XmlElement;
    try {
      packet = parseXml(req.body);
    } catch {
      return null;
    }
    const operator = packet.name === 'packet' ? packet.children[0] : undefined;
    const element = operator?.children[0];
    return operator && element ? { operator: operator.name, name: element.name, element } : null;
  }

  private planByName(name: string): FakePleskServer['plans'][number] {
    const plan = this.plans.find((p) => p.name === name);
    if (!plan) throw new Error(`fake Plesk: no plan named ${name}`);
    return plan;
  }

  private getPlans(get: XmlElement): XmlObject[] {
    const filter = child(get, 'filter');
    const criteria = filter?.children ?? [];
    if (criteria.length === 0) return this.plans.map((p) => planResult(p, undefined));
    return criteria.map((c) => {
      const value = c.text.trim();
      const plan = this.plans.find((p) => (c.name === 'name' ? p.name : c.name === 'guid' ? p.guid : c.name === 'id' ? String(p.id) : undefined) === value);
      return plan ? planResult(plan, value) : errorResult(errors.planNotFound, value);
    });
  }

  private findSubscription(filter: XmlElement | undefined): { filterId: string; name: string; sub: Subscription } | { filterId: string; sub: undefined } {
    const byName = textAt(filter, 'name');
    const byId = textAt(filter, 'id');
    for (const [name, sub] of this.subscriptions) {
      if ((byName !== undefined && name === byName) || (byId !== undefined && String(sub.id) === byId)) return { filterId: byName ?? byId!, name, sub };
    }
    return { filterId: byName ?? byId ?? '', sub: undefined };
  }

  private getWebspace(get: XmlElement, ctx: FakeHandleContext): XmlObject[] {
    const found = this.findSubscription(child(get, 'filter'));
    if (!found.sub) return [errorResult(errors.notFound, found.filterId)];
    const { sub, name } = found as { filterId: string; name: string; sub: Subscription };
    const dataset = child(get, 'dataset');
    const data: XmlObject = {};
    if (child(dataset, 'gen_info')) {
      const status = ctx.locked ? 4 : sub.status;
      data.gen_info = { cr_date: '2024-01-01', name, 'ascii-name': name, status: String(status), real_size: '123', 'owner-id': '3', dns_ip_address: '203.0.113.5', htype: 'vrt_hst', guid: randomUUID() };
    }
    if (child(dataset, 'subscriptions')) {
      const guids = [sub.planGuid, ...sub.addonGuids];
      data.subscriptions = { subscription: { locked: 'false', synchronized: 'true', plan: guids.map((g) => ({ 'plan-guid': g })) } };
    }
    return [{ status: 'ok', 'filter-id': found.filterId, id: String(sub.id), data }];
  }

  private switchSubscription(op: XmlElement, ctx: FakeHandleContext): XmlObject {
    const found = this.findSubscription(child(op, 'filter'));
    if (!found.sub) return errorResult(errors.notFound, found.filterId);
    const plan = this.plans.find((p) => p.guid === textAt(op, 'plan-guid'));
    if (!plan) return errorResult(errors.planNotFound, found.filterId);
    if (ctx.locked) return errorResult(errors.locked, found.filterId);
    found.sub.planGuid = plan.guid;
    ctx.record.applied = true;
    return { status: 'ok', 'filter-id': found.filterId, id: String(found.sub.id), ...(plan.problems ? { problems: plan.problems } : {}) };
  }
}

function planResult(plan: { id: number; name: string; guid: string }, filterId: string | undefined): XmlObject {
  return { status: 'ok', ...(filterId ? { 'filter-id': filterId } : {}), id: String(plan.id), name: plan.name, guid: plan.guid, 'external-id': '' };
}

function errorResult([code, text]: readonly [string, string], filterId?: string): XmlObject {
  return { status: 'error', errcode: code, errtext: text, ...(filterId ? { 'filter-id': filterId } : {}) };
}

function systemError([code, text]: readonly [string, string]): FakeReply {
  return xmlReply({ system: { status: 'error', errcode: code, errtext: text } });
}

function xmlReply(packet: XmlObject): FakeReply {
  return { contentType: 'text/xml', body: buildXml('packet', { '@_version': '1.6.3.0', ...packet }) };
}
