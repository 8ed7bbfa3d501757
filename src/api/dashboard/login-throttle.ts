/** Options of {@link LoginThrottle}. */
export interface LoginThrottleOptions {
  /** Failures from one address answered at full speed before the delays start. @defaultValue 3 */
  freeFailures?: number;
  /** Delay after the first slowed failure; it doubles with each further one. @defaultValue 500 */
  baseDelayMs?: number;
  /** Longest delay. @defaultValue 10000 */
  maxDelayMs?: number;
  /** A quiet address is forgotten after this long. @defaultValue 900000 (15 min) */
  forgetAfterMs?: number;
  /** Most addresses remembered; the oldest are dropped beyond it. @defaultValue 10000 */
  maxTracked?: number;
  /** Clock, for tests. @defaultValue Date.now */
  now?: () => number;
}

/**
 * Slows down guessing of the dashboard's credentials: after a few failures from one address, every further attempt
 * from it (right or wrong) waits 0.5 s, 1 s, 2 s, … up to 10 s before it is answered; a success resets it. Kept in
 * memory per process — enough to make an online guess cost hours instead of seconds.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; last: number }>();
  private readonly freeFailures: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly forgetAfterMs: number;
  private readonly maxTracked: number;
  private readonly now: () => number;

  constructor(opts: LoginThrottleOptions = {}) {
    this.freeFailures = opts.freeFailures ?? 3;
    this.baseDelayMs = opts.baseDelayMs ?? 500;
    this.maxDelayMs = opts.maxDelayMs ?? 10_000;
    this.forgetAfterMs = opts.forgetAfterMs ?? 900_000;
    this.maxTracked = opts.maxTracked ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  /** How long an attempt from `address` must wait before it is checked. */
  delayFor(address: string): number {
    const entry = this.failures.get(address);
    if (!entry) return 0;
    if (this.now() - entry.last > this.forgetAfterMs) {
      this.failures.delete(address);
      return 0;
    }
    const over = entry.count - this.freeFailures;
    return over < 0 ? 0 : Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** over);
  }

  failed(address: string): void {
    const entry = this.failures.get(address);
    this.failures.delete(address); // re-inserted last: the map stays ordered oldest first
    this.failures.set(address, { count: (entry?.count ?? 0) + 1, last: this.now() });
    if (this.failures.size > this.maxTracked) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(address: string): void {
    this.failures.delete(address);
  }
}
