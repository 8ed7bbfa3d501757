import type { RetryAdvice } from '../domain/retry-advice.js';
import type { QueueName } from './queue-names.js';

/** How one queue retries a failed job: its attempt budget and the shape of its backoff. */
export interface RetryPolicy {
  /** Attempts in all, the first included; a job fails for good after the last. */
  attempts: number;
  /** Delay ceiling after the first failed attempt; it doubles with each further one. */
  baseDelayMs: number;
  /** Largest delay ceiling. */
  maxDelayMs: number;
  /**
   * Part of the ceiling taken off at random: the delay after attempt n lies in [c × (1 − jitter), c) with
   * c = min(maxDelayMs, baseDelayMs × 2^(n−1)). 0.5 is "equal jitter": spread out, yet the waits add up to a known
   * least time.
   */
  jitter: number;
  /**
   * Attempts for a failure that carries no advice (a library's error, a bug, Redis down), when lower
   * than `attempts`. @defaultValue attempts
   */
  unadvisedAttempts?: number;
}

/**
 * Every queue's retry policy — the one place attempt budgets and delays are set (job options are built from it, the
 * workers' backoff strategy reads it). The money queues retry for about four minutes; the healing sweep re-drives a
 * money step whose job ran out of attempts (docs/RELIABILITY.md).
 */
export const RETRY_POLICIES: Readonly<Record<QueueName, RetryPolicy>> = {
  'upgrade-orders': { attempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000, jitter: 0.5 },
  'invoice-paid': { attempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000, jitter: 0.5 },
  /**
   * Panel calls: with these delays the 12th attempt comes 3 to 6 minutes after the first (at least 181.5 s), so a
   * panel restart or a minute-long outage heals by itself before a change is marked `provisioning_failed`. Failures
   * the panel layer did not classify (a Redis hiccup in the limiter, a bug) get 3 attempts.
   */
  provisioning: { attempts: 12, baseDelayMs: 1000, maxDelayMs: 60_000, jitter: 0.5, unadvisedAttempts: 3 },
  email: { attempts: 10, baseDelayMs: 2000, maxDelayMs: 600_000, jitter: 0.5 },
  /** Webhooks: 11 waits of 10 s doubling to an hour, about 3.4 hours in all, to ride out a front-end deploy or outage. */
  webhooks: { attempts: 12, baseDelayMs: 10_000, maxDelayMs: 3_600_000, jitter: 0.2 },
  scheduler: { attempts: 1, baseDelayMs: 1000, maxDelayMs: 1000, jitter: 0 },
};

/**
 * The wait before the next attempt after `attemptsMade` attempts (1 after the first failure): the policy's jittered
 * exponential delay, never less than the advice's `minDelayMs` (itself capped at `maxDelayMs`).
 */
export function backoffDelayMs(
  policy: RetryPolicy,
  attemptsMade: number,
  advice?: RetryAdvice,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attemptsMade - 1, 40));
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const delay = Math.floor(ceiling * (1 - policy.jitter) + random() * ceiling * policy.jitter);
  const least =
    advice?.kind === 'backoff' && advice.minDelayMs !== undefined ? Math.min(advice.minDelayMs, policy.maxDelayMs) : 0;
  return Math.max(delay, least);
}

/** How many attempts a failure may use in all: the queue's budget, lowered by the advice (or for unadvised failures). */
export function attemptBudget(policy: RetryPolicy, advice: RetryAdvice | undefined): number {
  if (advice === undefined) return Math.min(policy.attempts, policy.unadvisedAttempts ?? policy.attempts);
  if (advice.kind === 'backoff' && advice.maxAttempts !== undefined)
    return Math.min(policy.attempts, advice.maxAttempts);
  return policy.attempts;
}
