import { BACKOFF, NEVER, type RetryAdvice, type Retryable } from '../domain/retry-advice.js';

/**
 * What went wrong, in the words the ops dashboard uses.
 * - `auth`, `permission`, `not_found`, `rejected`, `tls`, `invalid_input`: permanent, never retried.
 * - `transient`, `locked`, `outcome_unknown`: retried with backoff; `server_busy`: tried again later, no attempt used.
 */
export type PanelErrorKind =
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'rejected'
  | 'tls'
  | 'invalid_input'
  | 'transient'
  | 'locked'
  | 'outcome_unknown'
  | 'server_busy';

/** Context attached to every panel error. Never holds a secret. */
export interface PanelErrorOptions {
  /** The panel server the call went to. */
  serverId?: number;
  /** The panel call that failed, e.g. `changepackage` or `webspace.get`. */
  action?: string;
  /** The underlying error (an axios error, a parse error…). */
  cause?: unknown;
  /**
   * At most this many attempts in total for this failure, when it is lower than the queue's own budget (e.g. an
   * unparseable reply is retried a few times, not twelve). Transient errors only. @defaultValue the queue's budget
   */
  maxAttempts?: number;
}

/** How long a locked account (a transfer, backup or restore on the panel) is left alone at least: such work takes minutes. */
export const LOCKED_MIN_DELAY_MS = 30_000;

/** Base of every error the panel layer throws. Messages never include credentials. */
export abstract class PanelError extends Error implements Retryable {
  abstract readonly kind: PanelErrorKind;
  /** Whether and how another attempt can succeed without a human changing something (src/domain/retry-advice.ts). */
  abstract readonly retry: RetryAdvice;
  readonly serverId?: number;
  readonly action?: string;
  readonly maxAttempts?: number;

  constructor(message: string, options: PanelErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
    this.serverId = options.serverId;
    this.action = options.action;
    this.maxAttempts = options.maxAttempts;
  }
}

/** The panel refused the credentials. Permanent: retrying a bad password gets the worker's IP banned. */
export class PanelAuthError extends PanelError {
  readonly kind: PanelErrorKind = 'auth';
  readonly retry = NEVER;
}

/**
 * The panel refuses this client's IP address (DirectAdmin's brute-force blacklist). Permanent, and never retried:
 * every further request counts as another failed login and extends the ban. Ops must take the IP off the panel's
 * blacklist (and fix the credentials that got it there).
 */
export class PanelBlacklistedError extends PanelAuthError {}

/** The credentials are valid but lack the privilege for this call (reseller ACL, DirectAdmin authority level, account owned by someone else). Permanent. */
export class PanelPermissionError extends PanelError {
  readonly kind: PanelErrorKind = 'permission';
  readonly retry = NEVER;
}

/** The account or the package does not exist on the panel. Permanent: the billing data or the panel needs fixing. */
export class PanelNotFoundError extends PanelError {
  readonly kind: PanelErrorKind = 'not_found';
  readonly retry = NEVER;

  constructor(
    /** Which object is missing. */
    readonly what: 'account' | 'package',
    /** Its name as the caller gave it (a username, a subscription or a package name; never a secret). */
    readonly objectName: string,
    message: string,
    options: PanelErrorOptions = {},
  ) {
    super(message, options);
  }
}

/** The panel understood the request and refused it for a reason a retry will not change (limit reached, license expired, malformed request, unexpected HTTP status). Permanent. */
export class PanelRejectedError extends PanelError {
  readonly kind: PanelErrorKind = 'rejected';
  readonly retry = NEVER;
}

/** The server's TLS certificate did not pass this server's TLS settings (untrusted, wrong name, expired, or not the pinned one). Permanent: it needs ops, and may be an interception. */
export class PanelTlsError extends PanelError {
  readonly kind: PanelErrorKind = 'tls';
  readonly retry = NEVER;
}

/** A caller passed bad input (empty user, bad server config); the message names the field. Permanent. */
export class PanelInputError extends PanelError {
  readonly kind: PanelErrorKind = 'invalid_input';
  readonly retry = NEVER;
}

/**
 * A failure another attempt may not meet: connection refused or reset, a timeout on a read, HTTP 5xx, an
 * unparseable reply, a panel error the retry table calls temporary. Retried with backoff (within `maxAttempts`).
 */
export class PanelTransientError extends PanelError {
  readonly kind: PanelErrorKind = 'transient';
  get retry(): RetryAdvice {
    return this.maxAttempts === undefined ? BACKOFF : { kind: 'backoff', maxAttempts: this.maxAttempts };
  }
}

/** The account is busy on the panel (a backup or restore is running). Retried, but not before {@link LOCKED_MIN_DELAY_MS}. */
export class PanelLockedError extends PanelTransientError {
  override readonly kind: PanelErrorKind = 'locked';
  override get retry(): RetryAdvice {
    return {
      kind: 'backoff',
      minDelayMs: LOCKED_MIN_DELAY_MS,
      ...(this.maxAttempts === undefined ? {} : { maxAttempts: this.maxAttempts }),
    };
  }
}

/**
 * A write was sent but no usable reply came back (timeout, reset, 5xx, garbled body): the panel may or may not have
 * applied it. Retried; the next attempt reads the account first and skips the write when it is already done.
 */
export class PanelOutcomeUnknownError extends PanelTransientError {
  override readonly kind: PanelErrorKind = 'outcome_unknown';
}

/**
 * Every slot of the server's `maxConcurrency` is taken by other calls (in any worker process). Not a failure of the
 * job: it comes back in `retryAfterMs` without using an attempt, so the worker's own slot is free for jobs of other
 * servers.
 */
export class PanelServerBusyError extends PanelError {
  readonly kind: PanelErrorKind = 'server_busy';

  constructor(
    serverId: number,
    /** How long to wait before trying again, in milliseconds. */
    readonly retryAfterMs: number,
  ) {
    super(`panel server ${serverId} is at its concurrency limit; try again in ${retryAfterMs} ms`, { serverId });
  }

  get retry(): RetryAdvice {
    return { kind: 'later', delayMs: this.retryAfterMs };
  }
}

/**
 * Thrown by the reply parsers when a body is not what the panel sends (truncated JSON, an HTML error page, a missing
 * field). Never leaves the panel layer: `PanelHttpClient` turns it into a capped transient error, or an unknown
 * outcome for a write.
 */
export class PanelReplyParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** A body is not well-formed XML, or is XML Upshift refuses to read (a DTD, several roots). */
export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
