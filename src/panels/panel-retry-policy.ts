import { UnrecoverableError, type BackoffOptions } from 'bullmq';
import { PanelError } from './errors/panel-error.js';
import { PanelLockedError } from './errors/panel-locked-error.js';
import { PanelServerBusyError } from './errors/panel-server-busy-error.js';

/** Options of the panel retry policy. */
export interface PanelRetryOptions {
  /**
   * First retry delay ceiling; after attempt n the job waits a random time in [c/2, c) with
   * c = min(maxDelayMs, baseDelayMs × 2^(n−1)) ("equal jitter": spread out, yet the retries add up to a known least
   * time, so an outage shorter than that never makes a change final).
   * @defaultValue 1000
   */
  baseDelayMs?: number;
  /**
   * Upper bound of any backoff delay.
   * @defaultValue 60000
   */
  maxDelayMs?: number;
  /**
   * Attempts in total (the first one included) before a retryable failure becomes final. With the default delays the
   * 12th attempt comes 3 to 6 minutes after the first, so a panel restart or a minute-long outage heals by itself.
   * @defaultValue 12
   */
  maxAttempts?: number;
  /**
   * Least delay after a locked account (transfer, backup or restore running): that work takes minutes.
   * @defaultValue 30000
   */
  lockedMinDelayMs?: number;
  /**
   * Attempts for errors that are not `PanelError`s (a Redis hiccup in the limiter, a bug): a few, not `maxAttempts`.
   * @defaultValue 3
   */
  unclassifiedMaxAttempts?: number;
  /**
   * Source of randomness in [0, 1), for tests.
   * @defaultValue Math.random
   */
  random?: () => number;
}

/** Whether to try again, and when. */
export interface PanelRetryDecision {
  retry: boolean;
  delayMs: number;
}

/** The backoff `type` jobs carry so BullMQ hands the delay to `backoffStrategy`. */
export const PANEL_BACKOFF_TYPE = 'panel';

/**
 * The retry table of panel-apis.md §4 as code. Permanent errors (auth, privilege, not found, rejected, TLS, bad
 * input) are never retried. Transient ones are retried with exponential backoff and equal jitter, up to
 * `maxAttempts` or the error's own lower cap; a locked account waits at least `lockedMinDelayMs`; a full server
 * waits the limiter's `retryAfterMs`.
 */
export class PanelRetryPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
  readonly lockedMinDelayMs: number;
  readonly unclassifiedMaxAttempts: number;
  private readonly random: () => number;

  constructor(options: PanelRetryOptions = {}) {
    this.baseDelayMs = positive(options.baseDelayMs ?? 1000, 'baseDelayMs');
    this.maxDelayMs = positive(options.maxDelayMs ?? 60_000, 'maxDelayMs');
    this.maxAttempts = positive(options.maxAttempts ?? 12, 'maxAttempts');
    this.lockedMinDelayMs = positive(options.lockedMinDelayMs ?? 30_000, 'lockedMinDelayMs');
    this.unclassifiedMaxAttempts = positive(options.unclassifiedMaxAttempts ?? 3, 'unclassifiedMaxAttempts');
    this.random = options.random ?? Math.random;
  }

  /**
   * Decides after a failed attempt. `attemptsMade` counts the attempts made so far, the failed one included
   * (BullMQ passes exactly that to a backoff strategy).
   */
  decide(err: unknown, attemptsMade: number): PanelRetryDecision {
    const stop = { retry: false, delayMs: 0 };
    if (err instanceof PanelError) {
      if (!err.retryable) return stop;
      if (err instanceof PanelServerBusyError) return { retry: true, delayMs: err.retryAfterMs };
      const cap = Math.min(this.maxAttempts, err.maxAttempts ?? Infinity);
      if (attemptsMade >= cap) return stop;
      const delay = this.jitteredDelay(attemptsMade);
      return { retry: true, delayMs: err instanceof PanelLockedError ? Math.max(delay, this.lockedMinDelayMs) : delay };
    }
    if (isUnrecoverable(err) || attemptsMade >= this.unclassifiedMaxAttempts) return stop;
    return { retry: true, delayMs: this.jitteredDelay(attemptsMade) };
  }

  /** A BullMQ `settings.backoffStrategy`: the delay in ms, or -1 to fail the job now. */
  readonly backoffStrategy = (attemptsMade: number, _type?: string, err?: Error): number => {
    const decision = this.decide(err, attemptsMade);
    return decision.retry ? decision.delayMs : -1;
  };

  /** Job options that route retries through this policy: `queue.add(name, data, { ...policy.jobOptions(), jobId })`. */
  jobOptions(): { attempts: number; backoff: BackoffOptions } {
    return { attempts: this.maxAttempts, backoff: { type: PANEL_BACKOFF_TYPE } };
  }

  private jitteredDelay(attemptsMade: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, attemptsMade - 1));
    return Math.floor(ceiling / 2 + this.random() * (ceiling / 2));
  }
}

/** The policy with its defaults (base 1 s, cap 60 s, 12 attempts, locked accounts ≥ 30 s). */
export const defaultPanelRetryPolicy = new PanelRetryPolicy();

/** `defaultPanelRetryPolicy.decide`. */
export function panelRetryDecision(err: unknown, attemptsMade: number): PanelRetryDecision {
  return defaultPanelRetryPolicy.decide(err, attemptsMade);
}

/** `defaultPanelRetryPolicy.backoffStrategy`, for a BullMQ worker's `settings.backoffStrategy`. */
export const panelBackoffStrategy = defaultPanelRetryPolicy.backoffStrategy;

/**
 * What a BullMQ processor should throw for `err`: an `UnrecoverableError` (same message) for a permanent panel
 * error, so BullMQ fails the job at once whatever its `attempts`; the error itself otherwise, so the backoff
 * strategy still sees its class.
 */
export function toBullmqError(err: unknown): Error {
  if (err instanceof PanelError && !err.retryable) return new UnrecoverableError(`${err.name}: ${err.message}`);
  return err instanceof Error ? err : new Error(String(err));
}

function isUnrecoverable(err: unknown): boolean {
  return err instanceof UnrecoverableError || (err instanceof Error && err.name === 'UnrecoverableError');
}

function positive(value: number, field: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`PanelRetryOptions.${field}: must be a positive number, got ${value}`);
  return value;
}
