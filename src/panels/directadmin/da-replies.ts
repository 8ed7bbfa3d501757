import type { PanelError, PanelErrorOptions } from '../panel-errors.js';
import { PanelAuthError } from '../panel-errors.js';
import { PanelBlacklistedError } from '../panel-errors.js';
import { PanelNotFoundError } from '../panel-errors.js';
import { PanelPermissionError } from '../panel-errors.js';
import { PanelRejectedError } from '../panel-errors.js';
import { PanelTransientError } from '../panel-errors.js';
import { PanelReplyParseError } from '../panel-errors.js';
import type { PanelAccount, PanelAccountKind } from '../panel-adapter.js';
import { parseDaForm } from './da-encoding.js';

/** What the call was about, to name a missing object and prefix messages. */
export interface DaCallContext {
  label: string;
  user?: string;
  pkg?: string;
  options: PanelErrorOptions;
}

/** The parts of an HTTP reply DirectAdmin's answers are read from. */
export interface DaHttpReply {
  body: string;
  contentType: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
}

/** A DirectAdmin reply after the error checks: a flat record, or a list. */
export type DaReply =
  { kind: 'record'; values: Record<string, string | string[]> } | { kind: 'list'; values: string[] };

/** Texts the brute-force blacklist and the licence check answer with; matched loosely (their exact wording is not documented). */
const blacklisted = /blacklist/i;
/** In a body, only an IP blacklisting counts (DirectAdmin also has blacklisted domains and usernames). */
const ipBlacklisted = /\bIP\b[^.\n]*blacklist|blacklist[^.\n]*\bIP\b/i;
const licence = /license (check )?fail|licen[cs]e (has )?expired|invalid licen[cs]e/i;
const loginPage = /DirectAdmin Login|action="\/?CMD_LOGIN"/i;

/**
 * The error a DirectAdmin reply carries, whatever its HTTP status, or null when it carries none (a success, or a
 * body that says nothing, which the caller judges). In order: a blacklisted IP (`X-DirectAdmin` header or text:
 * permanent, and retrying extends the ban), `X-DirectAdmin: Unauthorized` or the login page (bad credentials), a
 * licence failure, the "authority level" text, then the JSON `{"error": …, "result": …}` and legacy `error=1&text=&details=`
 * bodies classified by their text. The panel's text is kept in the message.
 */
export function daErrorOf(reply: DaHttpReply, ctx: DaCallContext): PanelError | null {
  const header = reply.headers['x-directadmin'] ?? '';
  const body = reply.body.trim();
  if (blacklisted.test(header) || ipBlacklisted.test(body)) {
    return new PanelBlacklistedError(
      `${ctx.label}: DirectAdmin has blacklisted this client's IP address (brute-force protection)${quote(header || firstLine(body))}; ` +
        'not retried, because every further request counts as a failed login and extends the ban: take the IP off the ' +
        "panel's IP blacklist (Brute Force Monitor) and check the server's credentials",
      ctx.options,
    );
  }
  if (/unauthori[sz]ed/i.test(header)) {
    return new PanelAuthError(
      `${ctx.label}: DirectAdmin refused the credentials (X-DirectAdmin: ${header})`,
      ctx.options,
    );
  }
  if (/text\/html/i.test(reply.contentType) || /^<(!doctype|html)/i.test(body)) {
    if (loginPage.test(body))
      return new PanelAuthError(
        `${ctx.label}: DirectAdmin answered with its login page: the credentials were not accepted`,
        ctx.options,
      );
  }
  if (licence.test(body))
    return new PanelRejectedError(
      `${ctx.label}: DirectAdmin's licence check failed${quote(firstLine(body))}; the panel refuses API calls until ops fix the licence`,
      ctx.options,
    );
  if (/does not exist in your authority level/i.test(body)) {
    return new PanelPermissionError(
      `${ctx.label}: the API login's level may not run this command (DirectAdmin: "${firstLine(body)}")`,
      ctx.options,
    );
  }
  if (body.startsWith('{')) {
    const record = parseJsonRecord(body);
    if (record && typeof record.error === 'string' && record.error !== '0' && record.error !== '') {
      return classifyDaFailure(record.error, typeof record.result === 'string' ? record.result : '', ctx);
    }
    return null;
  }
  if (/(^|&)error=/.test(body)) {
    const form = parseDaForm(body);
    const error = form.get('error')?.[0];
    if (error !== undefined && error !== '0')
      return classifyDaFailure(form.get('text')?.[0] ?? '', form.get('details')?.[0] ?? '', ctx);
  }
  return null;
}

/**
 * Reads a 2xx DirectAdmin reply in either encoding (url-encoded, or JSON when `json=yes` is honoured) and throws
 * the classified error of `daErrorOf`. An empty body or an HTML page that is not the login page is unreadable
 * (never a success): a write that got one is an unknown outcome, read back by the next attempt.
 */
export function readDaReply(reply: DaHttpReply, ctx: DaCallContext): DaReply {
  const error = daErrorOf(reply, ctx);
  if (error) throw error;
  const trimmed = reply.body.trim();
  if (trimmed === '') throw new PanelReplyParseError('DirectAdmin reply is empty');
  if (/text\/html/i.test(reply.contentType) || /^<(!doctype|html)/i.test(trimmed))
    throw new PanelReplyParseError('DirectAdmin answered with an HTML page');
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return readJson(trimmed);
  const form = parseDaForm(trimmed);
  const list = form.get('list[]');
  if (list) return { kind: 'list', values: list };
  const values: Record<string, string | string[]> = {};
  for (const [key, all] of form) values[key] = all.length === 1 ? all[0] : all;
  return { kind: 'record', values };
}

function readJson(text: string): DaReply {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PanelReplyParseError('DirectAdmin reply looks like JSON but does not parse');
  }
  if (Array.isArray(value)) return { kind: 'list', values: value.map(String) };
  if (!value || typeof value !== 'object')
    throw new PanelReplyParseError('DirectAdmin JSON reply is not an object or a list');
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.list)) return { kind: 'list', values: record.list.map(String) };
  const values: Record<string, string | string[]> = {};
  for (const [key, v] of Object.entries(record)) values[key] = Array.isArray(v) ? v.map(String) : String(v);
  return { kind: 'record', values };
}

/** Sorts a DirectAdmin error by its text: not found, privilege, licence and blacklist are permanent, the rest is retried a few times. */
export function classifyDaFailure(text: string, details: string, ctx: DaCallContext): PanelError {
  const both = `${text} ${details}`;
  const message = `${ctx.label}: ${[text, details].filter(Boolean).join(': ')}`;
  if (ipBlacklisted.test(both))
    return new PanelBlacklistedError(
      `${message} (not retried: every further request extends DirectAdmin's IP ban)`,
      ctx.options,
    );
  if (licence.test(both)) return new PanelRejectedError(message, ctx.options);
  if (/authority level|cannot execute that command|not allowed to|do not own|not yours/i.test(both))
    return new PanelPermissionError(message, ctx.options);
  if (/does not exist|doesn't exist|did not exist|no such|not found|unknown user|invalid user/i.test(both)) {
    return /package/i.test(both) && ctx.pkg !== undefined
      ? new PanelNotFoundError('package', ctx.pkg, message, ctx.options)
      : new PanelNotFoundError('account', ctx.user ?? '', message, ctx.options);
  }
  // No documented "busy" reply; task-queue and file-lock errors are temporary (panel-apis.md §4, [INF]).
  return new PanelTransientError(message, { ...ctx.options, maxAttempts: 3 });
}

/**
 * `CMD_API_SHOW_USER_CONFIG` → package, suspension (`suspended=yes|no`), kind (`usertype`) and owner (`creator`).
 * `usertype=admin` is read as a reseller: admins carry reseller limits, but Upshift never changes one (see the adapter).
 */
export function readDaAccount(reply: DaReply, user: string): { account: PanelAccount; usertype: string } {
  if (reply.kind !== 'record' || typeof reply.values.package !== 'string')
    throw new PanelReplyParseError('SHOW_USER_CONFIG reply has no "package"');
  const { suspended, usertype, creator } = reply.values;
  const type = typeof usertype === 'string' && usertype !== '' ? usertype : 'user';
  const kind: PanelAccountKind = type === 'user' ? 'user' : 'reseller';
  const account: PanelAccount = {
    user,
    package: reply.values.package,
    suspended: suspended === 'yes' || suspended === 'true' || suspended === '1',
    kind,
    owner: typeof creator === 'string' && creator !== '' ? creator : null,
  };
  return { account, usertype: type };
}

/** `CMD_API_PACKAGES_USER` / `CMD_API_PACKAGES_RESELLER` → package names (`list[]=…` or a JSON list). */
export function readDaPackages(reply: DaReply): string[] {
  if (reply.kind === 'list') return reply.values;
  // A legacy reply for an empty list: `error=0` and no `list[]` at all.
  if (Object.keys(reply.values).every((k) => k === 'error' || k === 'text' || k === 'details')) return [];
  throw new PanelReplyParseError('package list reply is not a list');
}

function parseJsonRecord(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function firstLine(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
}

function quote(text: string): string {
  return text ? ` ("${text}")` : '';
}
