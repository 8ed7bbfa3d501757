/**
 * Failures a fake panel server can inject:
 * - `latency`: wait `ms` before handling the request;
 * - `status`: answer with this HTTP status and an HTML error page, without handling the request (a proxy's 5xx);
 * - `reset`: destroy the connection without a reply, without handling the request;
 * - `late-reply`: handle the request (a write is applied), then wait `ms` before replying — "completed on the
 *   server, but the reply came after the client's timeout";
 * - `reply`: answer with exactly this status, headers and body (an empty body, a licence page…); with `apply`
 *   the request is handled first (a write is applied), as a panel that did the work and then answered oddly;
 * - `locked`: Plesk only: the subscription's backup or restore is running (`gen_info/status` 4). WHM and DirectAdmin
 *   have no such state (WHM's `is_locked` is a root-only suspension, seeded per account), so they ignore it.
 */
export type FakeFault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number }
  | { kind: 'reset' }
  | { kind: 'late-reply'; ms: number }
  | {
      kind: 'reply';
      status?: number;
      contentType?: string;
      headers?: Record<string, string>;
      body: string;
      apply?: boolean;
    }
  | { kind: 'locked' };

/** A fault and which requests it applies to. */
export type FakeFaultRule = FakeFault & {
  /**
   * Only requests for this panel action (`changepackage`, `webspace.switch-subscription`, `CMD_API_MODIFY_USER`, …).
   * @defaultValue every action
   */
  action?: string;
  /**
   * How many matching requests it applies to, then it is gone.
   * @defaultValue Infinity (until `clear()`)
   */
  times?: number;
};

/** The fault rules of one fake server. */
export class FakeFaults {
  private rules: Array<{ rule: FakeFaultRule; left: number }> = [];

  add(rule: FakeFaultRule): void {
    this.rules.push({ rule, left: rule.times ?? Infinity });
  }

  clear(): void {
    this.rules = [];
  }

  /** The faults for one request, each matching rule used once. */
  take(action: string): FakeFault[] {
    const faults: FakeFault[] = [];
    for (const entry of this.rules) {
      if (entry.left <= 0 || (entry.rule.action !== undefined && entry.rule.action !== action)) continue;
      entry.left -= 1;
      faults.push(entry.rule);
    }
    this.rules = this.rules.filter((e) => e.left > 0);
    return faults;
  }
}
