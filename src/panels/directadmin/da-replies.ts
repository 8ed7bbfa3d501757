import type { PanelError, PanelErrorOptions } from '../errors/panel-error.js';
import { PanelAuthError } from '../errors/panel-auth-error.js';
import { PanelNotFoundError } from '../errors/panel-not-found-error.js';
import { PanelPermissionError } from '../errors/panel-permission-error.js';
import { PanelTransientError } from '../errors/panel-transient-error.js';
import { PanelReplyParseError } from '../http/panel-reply-parse-error.js';
import type { PanelAccount } from '../panel-adapter.js';
import { parseDaForm } from './da-encoding.js';

/** What the call was about, to name a missing object and prefix messages. */
export interface DaCallContext {
  label: string;
  user?: string;
  pkg?: string;
  options: PanelErrorOptions;
}

/** A DirectAdmin reply after the error checks: a flat record, or a list. */
export type DaReply = { kind: 'record'; values: Record<string, string | string[]> } | { kind: 'list'; values: string[] };

/**
 * Reads a DirectAdmin reply in either encoding (url-encoded, or JSON when `json=yes` is honoured) and throws
 * the classified error for the login page, the authority-level text, `error=1` and `{"error": …}`.
 */
export function readDaReply(body: string, contentType: string, ctx: DaCallContext): DaReply {
  const trimmed = body.trim();
  if (/text\/html/i.test(contentType) || /^<(!doctype|html)/i.test(trimmed) || /DirectAdmin Login/i.test(trimmed)) {
    throw new PanelAuthError(`${ctx.label}: DirectAdmin answered with its login page (bad credentials, or this IP is blacklisted)`, ctx.options);
  }
  if (/does not exist in your authority level/i.test(trimmed)) {
    throw new PanelPermissionError(`${ctx.label}: the API user's level may not run this command`, ctx.options);
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return readJson(trimmed, ctx);
  const form = parseDaForm(trimmed);
  const error = form.get('error')?.[0];
  if (error !== undefined && error !== '0') throw classifyDaFailure(form.get('text')?.[0] ?? '', form.get('details')?.[0] ?? '', ctx);
  const list = form.get('list[]');
  if (list) return { kind: 'list', values: list };
  const values: Record<string, string | string[]> = {};
  for (const [key, all] of form) values[key] = all.length === 1 ? all[0]! : all;
  return { kind: 'record', values };
}

function readJson(text: string, ctx: DaCallContext): DaReply {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PanelReplyParseError('DirectAdmin reply looks like JSON but does not parse');
  }
  if (Array.isArray(value)) return { kind: 'list', values: value.map(String) };
  if (!value || typeof value !== 'object') throw new PanelReplyParseError('DirectAdmin JSON reply is not an object or a list');
  const record = value as Record<string, unknown>;
  if (typeof record.error === 'string' && record.error !== '0') {
    throw classifyDaFailure(record.error, typeof record.result === 'string' ? record.result : '', ctx);
  }
  if (Array.isArray(record.list)) return { kind: 'list', values: record.list.map(String) };
  const values: Record<string, string | string[]> = {};
  for (const [key, v] of Object.entries(record)) values[key] = Array.isArray(v) ? v.map(String) : String(v);
  return { kind: 'record', values };
}

/** Sorts an `error=1` reply by its text: not found and authority level are permanent, the rest is retried a few times. */
export function classifyDaFailure(text: string, details: string, ctx: DaCallContext): PanelError {
  const both = `${text} ${details}`;
  const message = `${ctx.label}: ${[text, details].filter(Boolean).join(': ')}`;
  if (/authority level/i.test(both)) return new PanelPermissionError(message, ctx.options);
  if (/does not exist|doesn't exist|did not exist|no such|not found|unknown user|invalid user/i.test(both)) {
    return /package/i.test(both) && ctx.pkg !== undefined
      ? new PanelNotFoundError('package', ctx.pkg, message, ctx.options)
      : new PanelNotFoundError('account', ctx.user ?? '', message, ctx.options);
  }
  // No documented "busy" reply; task-queue and file-lock errors are temporary (panel-apis.md §4, [INF]).
  return new PanelTransientError(message, { ...ctx.options, maxAttempts: 3 });
}

/** `CMD_API_SHOW_USER_CONFIG` → package and suspension (`suspended=yes|no`). */
export function readDaAccount(reply: DaReply): PanelAccount {
  if (reply.kind !== 'record' || typeof reply.values.package !== 'string') throw new PanelReplyParseError('SHOW_USER_CONFIG reply has no "package"');
  const suspended = reply.values.suspended;
  return { package: reply.values.package, suspended: suspended === 'yes' || suspended === 'true' || suspended === '1' };
}

/** `CMD_API_PACKAGES_USER` → package names (`list[]=…` or a JSON list). An empty record is an empty list. */
export function readDaPackages(reply: DaReply): string[] {
  if (reply.kind === 'list') return reply.values;
  if (Object.keys(reply.values).length === 0) return [];
  throw new PanelReplyParseError('PACKAGES_USER reply is not a list');
}
