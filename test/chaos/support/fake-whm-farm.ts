import { createFakeCa } from '../../../src/panels/fakes/fake-ca.js';
import { FakeCpanelServer, type FakeWhmAccount } from '../../../src/panels/fakes/fake-cpanel-server.js';

/** Options of {@link FakeWhmFarm.start}. */
export interface FakeWhmFarmOptions {
  /** How many fake WHM servers. @defaultValue 1 */
  servers?: number;
  /** Account user names; account i lives on server i mod `servers`, on the package `starter`. */
  users: readonly string[];
  /** Extra time every `changepackage` takes (the write), on every server. @defaultValue 0 */
  changeLatencyMs?: number;
}

/**
 * Fake WHM servers (real HTTPS on 127.0.0.1, one CA) for load and fault runs, that also count the package writes
 * each account received. The count comes from the account's state itself — `plan` is an accessor that counts
 * assignments — so it is the panel's truth, independent of what Upshift logged or believes it sent.
 */
export class FakeWhmFarm {
  private readonly writes = new Map<string, number>();
  private readonly home = new Map<string, FakeCpanelServer>();

  private constructor(
    readonly servers: FakeCpanelServer[],
    private readonly changeLatencyMs: number,
  ) {}

  static async start(opts: FakeWhmFarmOptions): Promise<FakeWhmFarm> {
    const count = opts.servers ?? 1;
    const ca = await createFakeCa();
    const byServer: Array<Record<string, FakeWhmAccount>> = Array.from({ length: count }, () => ({}));
    opts.users.forEach((user, i) => {
      byServer[i % count][user] = { plan: 'starter' };
    });
    const servers = await Promise.all(byServer.map((accounts) => FakeCpanelServer.start({ ca, accounts })));
    const farm = new FakeWhmFarm(servers, opts.changeLatencyMs ?? 0);
    farm.up();
    for (const server of servers) {
      for (const [user, account] of server.accounts) {
        server.accounts.set(user, farm.countingAccount(user, account));
        farm.home.set(user, server);
      }
    }
    return farm;
  }

  /** The server an account lives on. */
  serverOf(user: string): FakeCpanelServer {
    const server = this.home.get(user);
    if (!server) throw new Error(`no fake WHM account ${user}`);
    return server;
  }

  /** Package writes applied to `user`'s account. */
  writesTo(user: string): number {
    return this.writes.get(user) ?? 0;
  }

  /** The package `user`'s account is on now. */
  packageOf(user: string): string {
    return this.serverOf(user).accounts.get(user)!.plan;
  }

  /** Applied package writes per server, in server order. */
  writesPerServer(): number[] {
    return this.servers.map((s) => [...s.accounts.keys()].reduce((sum, user) => sum + this.writesTo(user), 0));
  }

  /**
   * Takes every server down: each request is answered with a 503 page (`status`) or its connection is reset
   * (`reset`), before the panel sees it. `up()` ends it.
   */
  down(kind: 'status' | 'reset'): void {
    for (const server of this.servers) {
      server.faults.clear();
      server.faults.add(kind === 'status' ? { kind: 'status', status: 503 } : { kind: 'reset' });
    }
  }

  /** Every server answers again (with the configured ChangePackage latency). */
  up(): void {
    for (const server of this.servers) {
      server.faults.clear();
      if (this.changeLatencyMs)
        server.faults.add({ kind: 'latency', ms: this.changeLatencyMs, action: 'changepackage' });
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.close()));
  }

  /** The account with `plan` turned into a counting accessor (the fake assigns `account.plan = pkg` on a write). */
  private countingAccount(user: string, account: FakeWhmAccount): FakeWhmAccount {
    let plan = account.plan;
    const writes = this.writes;
    return Object.defineProperty({ ...account }, 'plan', {
      enumerable: true,
      get: () => plan,
      set: (next: string) => {
        plan = next;
        writes.set(user, (writes.get(user) ?? 0) + 1);
      },
    });
  }
}
