import { PanelLockedError } from '../panel-errors.js';
import { PanelNotFoundError } from '../panel-errors.js';
import type { PanelHttpClient, PanelHttpRequest } from '../http/panel-http-client.js';
import type { PanelAccount, PanelAdapter } from '../panel-adapter.js';
import type { PanelLogger } from '../panel-logger.js';
import type { PanelServerConfig } from '../panel-server-config.js';
import { resolveListedPackage } from '../resolve-listed-package.js';
import {
  assertResultOk,
  pleskResults,
  readPleskPlan,
  readPleskReseller,
  readPleskSubscription,
  type PleskCallContext,
  type PleskPlan,
} from './plesk-replies.js';
import { buildXml, textAt, type XmlObject } from './xml.js';

/** The XML API protocol requested: 1.6.3.4 is the first with `<owner-all/>` in `service-plan get`. */
const protocolVersion = '1.6.3.4';

/** `gen_info/status` of a subscription whose backup or restore is running. */
const statusBackupRestore = 4;

/** What one read learned, kept for the rest of the change so the plans are read once. */
interface KnownAccount {
  /** Service plans of every owner (subscription), or the reseller plans (reseller account). */
  plans: PleskPlan[];
  /** The reseller's id (`<reseller><switch-subscription>` filters by id, as the official WHMCS module does). */
  resellerId?: string;
}

/**
 * Plesk through the XML API (`POST /enterprise/control/agent.php`). Authenticates with
 * `HTTP_AUTH_LOGIN`/`HTTP_AUTH_PASSWD`, or with `KEY` when the username is empty.
 *
 * An account is a subscription, named by its main domain, or — when no subscription has that name — a reseller,
 * named by its login. A subscription's package is its service plan: one `service-plan get` with `<owner-all/>`
 * lists the plans of every owner (an empty filter alone lists only the requester's, so a subscription on a
 * reseller's plan would read as on no plan), the plan whose GUID the subscription carries is its package and
 * its owner is the account's owner, and the target is that owner's plan of the requested name. A reseller account
 * is on a reseller plan (`reseller-plan get`) and switches with `<reseller><switch-subscription>`. The plan list is
 * read once per change: `listPackages`, `changePackage` and `readBack` reuse what `getAccount` read.
 */
export class PleskAdapter implements PanelAdapter {
  private readonly headers: Record<string, string>;
  private readonly known = new WeakMap<PanelAccount, KnownAccount>();

  constructor(
    private readonly server: PanelServerConfig,
    private readonly http: PanelHttpClient,
    private readonly logger: PanelLogger,
  ) {
    const auth: Record<string, string> =
      server.username === ''
        ? { KEY: server.secret }
        : { HTTP_AUTH_LOGIN: server.username, HTTP_AUTH_PASSWD: server.secret };
    this.headers = { ...auth, 'Content-Type': 'text/xml' };
  }

  async getAccount(user: string, signal?: AbortSignal): Promise<PanelAccount> {
    const subscription = await this.readSubscription(user, signal).catch((err: unknown) => {
      if (err instanceof PanelNotFoundError) return null;
      throw err;
    });
    if (subscription) return this.subscriptionAccount(user, subscription, await this.servicePlans(signal));
    const reseller = await this.readReseller(user, signal);
    return this.resellerAccount(user, reseller, await this.resellerPlans(signal));
  }

  async listPackages(account?: PanelAccount, signal?: AbortSignal): Promise<string[]> {
    if (!account) return (await this.ownServicePlans(signal)).map((p) => p.name);
    return this.usablePlans(account, await this.knownOf(account, signal)).map((p) => p.name);
  }

  resolvePackage(account: PanelAccount, requested: string, packages: readonly string[]): string {
    return resolveListedPackage(account, requested, packages);
  }

  async changePackage(account: PanelAccount, pkg: string, signal?: AbortSignal): Promise<void> {
    const known = await this.knownOf(account, signal);
    const plan = this.usablePlans(account, known).find((p) => p.name === pkg);
    if (!plan)
      throw new PanelNotFoundError(
        'package',
        pkg,
        `plesk server ${this.server.id}: no plan ${pkg} that ${account.user} may use`,
        { serverId: this.server.id },
      );
    const reseller = account.kind === 'reseller';
    const operator = reseller ? 'reseller' : 'webspace';
    const action = `${operator}.switch-subscription`;
    const ctx = this.context(action, 'account', account.user);
    const filter: XmlObject = reseller ? { id: known.resellerId ?? '' } : { name: account.user };
    const packet: XmlObject = { [operator]: { 'switch-subscription': { filter, 'plan-guid': plan.guid } } };
    const problems = await this.http.call(
      { ...this.request(action, packet), mutating: true },
      (reply) => {
        const result = assertResultOk(pleskResults(reply.body, operator, 'switch-subscription', ctx)[0], ctx);
        return textAt(result, 'problems');
      },
      signal,
    );
    if (problems) {
      // Status stays "ok", but some settings of the new plan were not applied (a downgrade below current usage).
      this.logger.warn(
        { serverId: this.server.id, subscription: account.user, plan: pkg, problems },
        'Plesk switched the subscription but reported problems',
      );
    }
  }

  async readBack(account: PanelAccount, signal?: AbortSignal): Promise<PanelAccount> {
    const known = await this.knownOf(account, signal);
    if (account.kind === 'reseller')
      return this.resellerAccount(account.user, await this.readReseller(account.user, signal), known.plans);
    return this.subscriptionAccount(account.user, await this.readSubscription(account.user, signal), known.plans);
  }

  /** The plans `account` may be put on: its owner's service plans (all when the owner is unknown), or the reseller plans. */
  private usablePlans(account: PanelAccount, known: KnownAccount): PleskPlan[] {
    if (account.kind === 'reseller' || account.owner === null) return known.plans;
    return known.plans.filter((p) => p.owner === null || p.owner === account.owner);
  }

  private async knownOf(account: PanelAccount, signal?: AbortSignal): Promise<KnownAccount> {
    const known = this.known.get(account);
    if (known) return known;
    // An account this adapter did not read: read it now, once.
    const fresh = await this.getAccount(account.user, signal);
    return this.known.get(fresh)!;
  }

  private subscriptionAccount(
    user: string,
    subscription: { status: number; planGuids: string[] },
    plans: PleskPlan[],
  ): PanelAccount {
    if (subscription.status === statusBackupRestore) {
      throw new PanelLockedError(
        `plesk server ${this.server.id} webspace.get: subscription ${user} is locked (a backup or restore is running)`,
        { serverId: this.server.id, action: 'webspace.get' },
      );
    }
    // The plan GUIDs mix the service plan with add-on plans: the one that is a service plan is the package.
    const plan = plans.find((p) => subscription.planGuids.includes(p.guid));
    const account: PanelAccount = {
      user,
      package: plan?.name ?? '',
      suspended: subscription.status !== 0,
      kind: 'user',
      owner: plan?.owner ?? null,
    };
    this.known.set(account, { plans });
    return account;
  }

  private resellerAccount(
    user: string,
    reseller: { id: string; status: number; planGuids: string[] },
    plans: PleskPlan[],
  ): PanelAccount {
    const plan = plans.find((p) => reseller.planGuids.includes(p.guid));
    const account: PanelAccount = {
      user,
      package: plan?.name ?? '',
      suspended: reseller.status !== 0,
      kind: 'reseller',
      owner: null,
    };
    this.known.set(account, { plans, resellerId: reseller.id });
    return account;
  }

  private readSubscription(user: string, signal?: AbortSignal) {
    const ctx = this.context('webspace.get', 'account', user);
    const packet = { webspace: { get: { filter: { name: user }, dataset: { gen_info: '', subscriptions: '' } } } };
    return this.http.call(
      this.request('webspace.get', packet),
      (reply) => readPleskSubscription(assertResultOk(pleskResults(reply.body, 'webspace', 'get', ctx)[0], ctx)),
      signal,
    );
  }

  private readReseller(login: string, signal?: AbortSignal) {
    const ctx: PleskCallContext = {
      ...this.context('reseller.get', 'account', login),
      notFound: `neither a subscription nor a reseller named ${login} exists`,
    };
    const packet = { reseller: { get: { filter: { login }, dataset: { 'gen-info': '', subscriptions: '' } } } };
    return this.http.call(
      this.request('reseller.get', packet),
      (reply) => readPleskReseller(assertResultOk(pleskResults(reply.body, 'reseller', 'get', ctx)[0], ctx)),
      signal,
    );
  }

  /** Every owner's service plans (`<owner-all/>`), with their owners. */
  private servicePlans(signal?: AbortSignal): Promise<PleskPlan[]> {
    return this.plansOf('service-plan', { filter: '', 'owner-all': '' }, signal);
  }

  /** The requester's own service plans (an empty filter). */
  private ownServicePlans(signal?: AbortSignal): Promise<PleskPlan[]> {
    return this.plansOf('service-plan', { filter: '' }, signal);
  }

  private resellerPlans(signal?: AbortSignal): Promise<PleskPlan[]> {
    return this.plansOf('reseller-plan', { filter: { all: '' } }, signal);
  }

  private plansOf(
    operator: 'service-plan' | 'reseller-plan',
    get: XmlObject,
    signal?: AbortSignal,
  ): Promise<PleskPlan[]> {
    const action = `${operator}.get`;
    const ctx = this.context(action, 'package', '');
    return this.http.call(
      this.request(action, { [operator]: { get } }),
      (reply) => {
        return pleskResults(reply.body, operator, 'get', ctx, true).map((r) => readPleskPlan(assertResultOk(r, ctx)));
      },
      signal,
    );
  }

  private request(action: string, operator: XmlObject): PanelHttpRequest {
    const body = buildXml('packet', { '@_version': protocolVersion, ...operator });
    return { action, method: 'POST', path: '/enterprise/control/agent.php', body, headers: this.headers };
  }

  private context(action: string, what: 'account' | 'package', name: string): PleskCallContext {
    return {
      label: `plesk server ${this.server.id} ${action}`,
      subject: { what, name },
      options: { serverId: this.server.id, action },
    };
  }
}
