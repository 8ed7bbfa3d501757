/**
 * What went wrong, in the words the retry policy and the ops dashboard use.
 * - `auth`, `permission`, `not_found`, `rejected`, `tls`, `invalid_input`: permanent, never retried.
 * - `transient`, `locked`, `outcome_unknown`, `server_busy`: retried with backoff.
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
   * At most this many attempts in total for this failure, when it is lower than the policy's own cap
   * (e.g. an unparseable reply is retried a few times, not eight).
   */
  maxAttempts?: number;
}

/** Base of every error the panel layer throws. Messages never include credentials. */
export abstract class PanelError extends Error {
  abstract readonly kind: PanelErrorKind;
  /** Whether another attempt can succeed without a human changing something. */
  abstract readonly retryable: boolean;
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
