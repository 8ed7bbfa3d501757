/**
 * Failures a fake panel server can inject:
 * - `latency`: wait `ms` before handling the request;
 * - `status`: answer with this HTTP status and an HTML error page, without handling the request (a proxy's 5xx);
 * - `reset`: destroy the connection without a reply, without handling the request;
 * - `late-reply`: handle the request (a write is applied), then wait `ms` before replying — "completed on the
 *   server, but the reply came after the client's timeout";
 * - `locked`: the account is busy (a transfer, backup or restore is running); each panel answers its own way.
 */
export type FakeFault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number }
  | { kind: 'reset' }
  | { kind: 'late-reply'; ms: number }
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
