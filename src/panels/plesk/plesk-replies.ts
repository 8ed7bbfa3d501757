import type { PanelError, PanelErrorOptions } from '../panel-errors.js';
import { PanelAuthError } from '../panel-errors.js';
import { PanelNotFoundError } from '../panel-errors.js';
import { PanelPermissionError } from '../panel-errors.js';
import { PanelRejectedError } from '../panel-errors.js';
import { PanelTransientError } from '../panel-errors.js';
import { PanelReplyParseError } from '../panel-errors.js';
import { child, childrenNamed, parseXml, textAt, type XmlElement } from './xml.js';
import { XmlSyntaxError } from '../panel-errors.js';

/** What the call was about, to name a missing object and prefix messages. */
export interface PleskCallContext {
  label: string;
  /** Which object a 1013 "object not found" is about in this call, and its name. */
  subject: { what: 'account' | 'package'; name: string };
  /** What a 1013 means in this call, in words, when the code's own text would mislead. */
  notFound?: string;
  options: PanelErrorOptions;
}

/** Plesk error codes that mean the credentials (or this client's IP) were refused. */
const authCodes = new Set(['1001', '1008', '1010', '1011', '1012', '1029', '11003']);
/** Temporary by the retry table; 1023 "operation failed" can hide a permanent cause, hence the low cap. */
const transientCodes = new Set(['1003', '1023']);

/** Sorts a Plesk `errcode` into the retry table's classes (panel-apis.md §2.2, §4). */
export function classifyPleskError(errcode: string, errtext: string, ctx: PleskCallContext): PanelError {
  const message = `${ctx.label}: Plesk error ${errcode}: ${errtext}${errcode === '1013' && ctx.notFound ? ` (${ctx.notFound})` : ''}`;
  if (authCodes.has(errcode)) return new PanelAuthError(message, ctx.options);
  if (errcode === '1006') return new PanelPermissionError(message, ctx.options);
  if (errcode === '1013' || errcode === '1015')
    return new PanelNotFoundError(ctx.subject.what, ctx.subject.name, message, ctx.options);
  if (transientCodes.has(errcode)) return new PanelTransientError(message, { ...ctx.options, maxAttempts: 3 });
  return new PanelRejectedError(message, ctx.options);
}

/**
 * Parses a reply packet and returns the `<result>` elements of `operator/operation`. A `<system>` error (auth,
 * parse, version: the packet was refused before it ran) is thrown as a classified error. Each result still
 * carries its own status: check it with `assertResultOk`. `allowEmpty` accepts a reply without results (a list
 * filter that matched nothing).
 */
export function pleskResults(
  body: string,
  operator: string,
  operation: string,
  ctx: PleskCallContext,
  allowEmpty = false,
): XmlElement[] {
  let packet: XmlElement;
  try {
    packet = parseXml(body);
  } catch (err) {
    throw new PanelReplyParseError(
      `Plesk reply is not XML (${err instanceof XmlSyntaxError ? err.message : String(err)})`,
    );
  }
  if (packet.name !== 'packet') throw new PanelReplyParseError(`Plesk reply root is <${packet.name}>, not <packet>`);
  const system = child(packet, 'system');
  if (system && textAt(system, 'status') === 'error') {
    throw classifyPleskError(textAt(system, 'errcode') ?? '?', textAt(system, 'errtext') ?? '', ctx);
  }
  const results = childrenNamed(child(packet, `${operator}/${operation}`), 'result');
  if (results.length === 0 && !allowEmpty)
    throw new PanelReplyParseError(`Plesk reply has no ${operator}/${operation}/result`);
  return results;
}

/** Throws the classified error of a `<result>` whose status is not `ok`. */
export function assertResultOk(result: XmlElement, ctx: PleskCallContext): XmlElement {
  if (textAt(result, 'status') === 'ok') return result;
  throw classifyPleskError(textAt(result, 'errcode') ?? '?', textAt(result, 'errtext') ?? '', ctx);
}

/** A service plan as `service-plan get` lists it, or a reseller plan as `reseller-plan get` does. */
export interface PleskPlan {
  name: string;
  guid: string;
  /**
   * The login of the plan's owner (admin or a reseller), from `owner-login` in the result (Plesk's samples show it
   * for plans fetched by owner); null when the reply does not carry it.
   */
  owner: string | null;
}

export function readPleskPlan(result: XmlElement): PleskPlan {
  const name = textAt(result, 'name');
  const guid = textAt(result, 'guid');
  if (!name || !guid) throw new PanelReplyParseError('plan result without name or guid');
  return { name, guid, owner: textAt(result, 'owner-login') || null };
}

/** What `webspace get` with `gen_info` + `subscriptions` says about a subscription. */
export interface PleskSubscription {
  /** The subscription's id. */
  id: string;
  /** `gen_info/status`: 0 active, 4 backup/restore running, 16/32/64 disabled, 256 expired. */
  status: number;
  /** Every `plan-guid` of the subscription: its service plan and its add-on plans. */
  planGuids: string[];
}

export function readPleskSubscription(result: XmlElement): PleskSubscription {
  const data = child(result, 'data');
  const status = Number(textAt(data, 'gen_info/status'));
  if (!data || !Number.isInteger(status)) throw new PanelReplyParseError('webspace result without gen_info/status');
  return { id: textAt(result, 'id') ?? '', status, planGuids: planGuidsOf(data) };
}

/** What `reseller get` with `gen-info` + `subscriptions` says about a reseller account. */
export interface PleskReseller {
  id: string;
  /** `gen-info/status`: 0 active, 16 disabled by admin, 256 expired. */
  status: number;
  /** The `plan-guid`s of the reseller's subscription: its reseller plan (and add-ons). */
  planGuids: string[];
}

export function readPleskReseller(result: XmlElement): PleskReseller {
  const data = child(result, 'data');
  const id = textAt(result, 'id');
  const status = Number(textAt(data, 'gen-info/status') ?? '0');
  if (!data || !id) throw new PanelReplyParseError('reseller result without id or data');
  return { id, status: Number.isInteger(status) ? status : 0, planGuids: planGuidsOf(data) };
}

function planGuidsOf(data: XmlElement): string[] {
  return childrenNamed(child(data, 'subscriptions/subscription'), 'plan')
    .map((plan) => textAt(plan, 'plan-guid'))
    .filter((guid): guid is string => !!guid);
}
