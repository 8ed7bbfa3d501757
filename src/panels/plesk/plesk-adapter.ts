import { PanelLockedError } from '../errors/panel-locked-error.js';
import type { PanelHttpClient, PanelHttpRequest } from '../http/panel-http-client.js';
import type { PanelAccount, PanelAdapter } from '../panel-adapter.js';
import type { PanelLogger } from '../panel-logger.js';
import type { PanelServerConfig } from '../panel-server-config.js';
import { assertResultOk, pleskResults, readPleskPlan, readPleskSubscription, type PleskCallContext, type PleskPlan } from './plesk-replies.js';
import { buildXml, textAt, type XmlObject } from './xml.js';

/** The XML API protocol version requested; 1.6.3.0 has `switch-subscription` with `plan-guid`. */
const protocolVersion = '1.6.3.0';

/** `gen_info/status` of a subscription whose backup or restore is running. */
const statusBackupRestore = 4;

/**
 * Plesk through the XML API (`POST /enterprise/control/agent.php`). Accounts are subscriptions, named by their
 * main domain; packages are service plans, named by plan name and switched by plan GUID. Authenticates with
 * `HTTP_AUTH_LOGIN`/`HTTP_AUTH_PASSWD`, or with `KEY` when the username is empty.
 */
export class PleskAdapter implements PanelAdapter {
  private readonly headers: Record<string, string>;

  constructor(
    private readonly server: PanelServerConfig,
    private readonly http: PanelHttpClient,
    private readonly logger: PanelLogger,
  ) {
    const auth: Record<string, string> = server.username === '' ? { KEY: server.secret } : { HTTP_AUTH_LOGIN: server.username, HTTP_AUTH_PASSWD: server.secret };
    this.headers = { ...auth, 'Content-Type': 'text/xml' };
  }

  async getAccount(user: string, signal?: AbortSignal): Promise<PanelAccount> {
    const ctx = this.context('webspace.get', 'account', user);
    const packet = { webspace: { get: { filter: { name: user }, dataset: { gen_info: '', subscriptions: '' } } } };
    const subscription = await this.http.call(this.request('webspace.get', packet), (reply) => {
      const result = assertResultOk(pleskResults(reply.body, 'webspace', 'get', ctx)[0]!, ctx);
      return readPleskSubscription(result);
    }, signal);
    if (subscription.status === statusBackupRestore) {
      throw new PanelLockedError(`${ctx.label}: subscription ${user} is locked (a backup or restore is running)`, ctx.options);
    }
    // The plan GUIDs mix the service plan with add-on plans: the one that is a service plan is the package.
    const plans = await this.plans(signal);
    const plan = plans.find((p) => subscription.planGuids.includes(p.guid));
    return { package: plan?.name ?? '', suspended: subscription.status !== 0 };
  }

  async listPackages(signal?: AbortSignal): Promise<string[]> {
    return (await this.plans(signal)).map((p) => p.name);
  }

  async changePackage(user: string, pkg: string, signal?: AbortSignal): Promise<void> {
    const planCtx = this.context('service-plan.get', 'package', pkg);
    const guid = await this.http.call(this.request('service-plan.get', { 'service-plan': { get: { filter: { name: pkg } } } }), (reply) => {
      return readPleskPlan(assertResultOk(pleskResults(reply.body, 'service-plan', 'get', planCtx)[0]!, planCtx)).guid;
    }, signal);

    const ctx = this.context('webspace.switch-subscription', 'account', user);
    const packet = { webspace: { 'switch-subscription': { filter: { name: user }, 'plan-guid': guid } } };
    const problems = await this.http.call({ ...this.request('webspace.switch-subscription', packet), mutating: true }, (reply) => {
      const result = assertResultOk(pleskResults(reply.body, 'webspace', 'switch-subscription', ctx)[0]!, ctx);
      return textAt(result, 'problems');
    }, signal);
    if (problems) {
      // Status stays "ok", but some settings of the new plan were not applied (a downgrade below current usage).
      this.logger.warn({ serverId: this.server.id, subscription: user, plan: pkg, problems }, 'Plesk switched the subscription but reported problems');
    }
  }

  private async plans(signal?: AbortSignal): Promise<PleskPlan[]> {
    const ctx = this.context('service-plan.get', 'package', '');
    return this.http.call(this.request('service-plan.get', { 'service-plan': { get: { filter: '' } } }), (reply) => {
      return pleskResults(reply.body, 'service-plan', 'get', ctx, true).map((r) => readPleskPlan(assertResultOk(r, ctx)));
    }, signal);
  }

  private request(action: string, operator: XmlObject): PanelHttpRequest {
    const body = buildXml('packet', { '@_version': protocolVersion, ...operator });
    return { action, method: 'POST', path: '/enterprise/control/agent.php', body, headers: this.headers };
  }

  private context(action: string, what: 'account' | 'package', name: string): PleskCallContext {
    return { label: `plesk server ${this.server.id} ${action}`, subject: { what, name }, options: { serverId: this.server.id, action } };
  }
}
