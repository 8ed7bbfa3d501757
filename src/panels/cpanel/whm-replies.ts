import type { PanelError, PanelErrorOptions } from '../panel-errors.js';
import { PanelAuthError } from '../panel-errors.js';
import { PanelNotFoundError } from '../panel-errors.js';
import { PanelPermissionError } from '../panel-errors.js';
import { PanelRejectedError } from '../panel-errors.js';
import { PanelTransientError } from '../panel-errors.js';
import { PanelReplyParseError } from '../panel-errors.js';
import type { PanelAccount } from '../panel-adapter.js';

/** What the call was about, to name the missing object and prefix messages. */
export interface WhmCallContext {
  label: string;
  user?: string;
  pkg?: string;
  options: PanelErrorOptions;
}

/**
 * cpsrvd's login page, which it serves with HTTP 200 instead of the API reply when the credentials (Basic
 * password, missing or malformed token header) are not accepted: `<title>WHM Login</title>` and the login form.
 */
const loginPage = /<title>\s*WHM Login\s*<\/title>|<form[^>]+action="\/login\/?"|name="login_form"/i;

/**
 * The WHM API 1 envelope: `{ metadata: { result, reason }, data? }`. A `result` of 0 is an error whatever the
 * HTTP status; `reason` reads `API failure: (XID abc123) <message>`, so it is matched by substring. The login page
 * (HTTP 200) is an authentication failure, not an unreadable reply.
 * @throws PanelError for a failure, PanelReplyParseError for a body that is not the envelope.
 */
export function unwrapWhmReply(body: string, ctx: WhmCallContext): { data: unknown } {
  if (loginPage.test(body)) {
    throw new PanelAuthError(
      `${ctx.label}: WHM answered with its login page: the API token (or password) was not accepted`,
      ctx.options,
    );
  }
  const json = parseJson(body);
  const metadata = json.metadata as { result?: unknown; reason?: unknown } | undefined;
  if (!metadata || typeof metadata !== 'object') {
    const cpanelError = (json.cpanelresult as { error?: unknown } | undefined)?.error;
    if (typeof cpanelError === 'string') throw new PanelAuthError(`${ctx.label}: ${cpanelError}`, ctx.options);
    throw new PanelReplyParseError('no "metadata" in the WHM reply (is api.version=1 honoured?)');
  }
  if (Number(metadata.result) === 1) return { data: json.data };
  const reason = metadata.reason;
  throw classifyWhmFailure(
    typeof reason === 'string' || typeof reason === 'number' ? String(reason) : 'no reason given',
    ctx,
  );
}

/** Sorts a WHM failure reason into the retry table's classes (panel-apis.md §1.3, §4). */
export function classifyWhmFailure(reason: string, ctx: WhmCallContext): PanelError {
  const message = `${ctx.label}: ${reason.trim()}`;
  if (/Specified package does not exist|is not a valid package/i.test(reason)) {
    return new PanelNotFoundError('package', ctx.pkg ?? '', message, ctx.options);
  }
  if (/You do not own the user|Access denied|Permission denied|not authorized/i.test(reason)) {
    return new PanelPermissionError(message, ctx.options);
  }
  if (/Account does not exist|user .* does not exist|does not exist/i.test(reason)) {
    return new PanelNotFoundError('account', ctx.user ?? '', message, ctx.options);
  }
  if (
    /may not create any more accounts with the package|must specify|must select|Provide the|may not be empty/i.test(
      reason,
    )
  ) {
    return new PanelRejectedError(message, ctx.options);
  }
  // Hook halts, "Internal Error" and the like: maybe temporary, so a few more tries, not twelve.
  return new PanelTransientError(message, { ...ctx.options, maxAttempts: 3 });
}

/**
 * `accountsummary` → plan, owner and suspension. `is_locked: 1` marks a suspension that only root may lift
 * (`suspendacct … disallowun=1`); it is read as such, never as a busy account: waiting does not clear it, and
 * ChangePackage runs on suspended accounts anyway.
 */
export function readWhmAccount(data: unknown, ctx: WhmCallContext): PanelAccount {
  const acct = (data as { acct?: unknown } | undefined)?.acct;
  if (!Array.isArray(acct)) throw new PanelReplyParseError('accountsummary reply has no data.acct list');
  const row = acct[0] as
    { plan?: unknown; owner?: unknown; suspended?: unknown; is_locked?: unknown; suspendreason?: unknown } | undefined;
  if (!row)
    throw new PanelNotFoundError(
      'account',
      ctx.user ?? '',
      `${ctx.label}: account ${ctx.user} does not exist`,
      ctx.options,
    );
  if (typeof row.plan !== 'string') throw new PanelReplyParseError('accountsummary row has no "plan"');
  const locked = Number(row.is_locked) === 1;
  const suspended = Number(row.suspended) === 1 || locked;
  const account: PanelAccount = {
    user: ctx.user ?? '',
    package: row.plan,
    suspended,
    kind: 'user',
    owner: typeof row.owner === 'string' && row.owner !== '' ? row.owner : null,
  };
  if (locked) account.suspensionLocked = true;
  if (suspended && typeof row.suspendreason === 'string' && row.suspendreason !== 'not suspended')
    account.suspendedReason = row.suspendreason;
  return account;
}

/** `listpkgs` (API 1: `data.pkg[]`) → package names. */
export function readWhmPackages(data: unknown): string[] {
  const pkgs = (data as { pkg?: unknown } | undefined)?.pkg;
  if (!Array.isArray(pkgs)) throw new PanelReplyParseError('listpkgs reply has no data.pkg list');
  return pkgs.map((p: { name?: unknown }) => {
    if (typeof p?.name !== 'string') throw new PanelReplyParseError('listpkgs entry without a name');
    return p.name;
  });
}

function parseJson(body: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new PanelReplyParseError('WHM reply is not JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new PanelReplyParseError('WHM reply is not a JSON object');
  return value as Record<string, unknown>;
}
