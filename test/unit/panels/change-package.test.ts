import { expect } from 'chai';
import { changePackage } from '../../../src/panels/change-package.js';
import { resolveWhmPackage } from '../../../src/panels/cpanel/resolve-whm-package.js';
import {
  PanelInputError,
  PanelNotFoundError,
  PanelPermissionError,
  PanelTransientError,
} from '../../../src/panels/panel-errors.js';
import type { PanelAccount, PanelAdapter } from '../../../src/panels/panel-adapter.js';
import { resolveListedPackage } from '../../../src/panels/resolve-listed-package.js';

const account = (pkg: string, more: Partial<PanelAccount> = {}): PanelAccount => ({
  user: 'bob',
  package: pkg,
  suspended: false,
  kind: 'user',
  owner: null,
  ...more,
});

/** An in-memory panel that logs calls; `ignoreWrites` makes it accept a write without applying it. */
class ScriptedPanel implements PanelAdapter {
  readonly calls: string[] = [];
  constructor(
    private current: PanelAccount,
    private readonly packages: string[],
    private readonly ignoreWrites = false,
    readonly resolvePackage: PanelAdapter['resolvePackage'] = resolveListedPackage,
  ) {}
  async getAccount(user: string): Promise<PanelAccount> {
    this.calls.push(`get ${user}`);
    return { ...this.current };
  }
  async listPackages(of?: PanelAccount): Promise<string[]> {
    this.calls.push(`list ${of?.owner ?? ''}`.trim());
    return [...this.packages];
  }
  async changePackage(of: PanelAccount, pkg: string): Promise<void> {
    this.calls.push(`change ${of.user} ${pkg}`);
    if (!this.ignoreWrites) this.current = { ...this.current, package: pkg };
  }
  async readBack(of: PanelAccount): Promise<PanelAccount> {
    this.calls.push(`reread ${of.user}`);
    return { ...this.current };
  }
}

describe('changePackage (one attempt)', () => {
  it('reads, lists what the owner may use, writes, and reads back', async () => {
    const panel = new ScriptedPanel(account('starter'), ['starter', 'pro']);
    expect(await changePackage(panel, 'bob', 'pro')).to.deep.equal({
      previousPackage: 'starter',
      changed: true,
      package: 'pro',
    });
    expect(panel.calls).to.deep.equal(['get bob', 'list', 'change bob pro', 'reread bob']);
  });

  it('does nothing more than the read when the account is already on the target', async () => {
    const panel = new ScriptedPanel(account('pro', { suspended: true }), ['starter', 'pro']);
    expect(await changePackage(panel, 'bob', 'pro')).to.deep.equal({
      previousPackage: 'pro',
      changed: false,
      package: 'pro',
    });
    expect(panel.calls).to.deep.equal(['get bob']);
  });

  it('changes a suspended account like any other (the suspension is left alone)', async () => {
    const panel = new ScriptedPanel(account('starter', { suspended: true, suspensionLocked: true }), [
      'starter',
      'pro',
    ]);
    expect(await changePackage(panel, 'bob', 'pro')).to.include({ changed: true });
  });

  it('resolves the product package through the adapter (WHM: gold → res1_gold) and is idempotent on the resolved name', async () => {
    const owned = account('res1_small', { owner: 'res1' });
    const panel = new ScriptedPanel(owned, ['pro', 'res1_small', 'res1_gold'], false, resolveWhmPackage);
    expect(await changePackage(panel, 'bob', 'gold')).to.deep.equal({
      previousPackage: 'res1_small',
      changed: true,
      package: 'res1_gold',
    });
    expect(panel.calls).to.deep.equal(['get bob', 'list res1', 'change bob res1_gold', 'reread bob']);
    panel.calls.length = 0;
    expect(await changePackage(panel, 'bob', 'gold')).to.deep.equal({
      previousPackage: 'res1_gold',
      changed: false,
      package: 'res1_gold',
    });
    expect(panel.calls).to.deep.equal(['get bob', 'list res1']);
  });

  it('fails permanently, without writing, when the target package does not exist', async () => {
    const panel = new ScriptedPanel(account('starter'), ['starter']);
    const err = await changePackage(panel, 'bob', 'gold').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(PanelNotFoundError).and.include({ what: 'package', objectName: 'gold' });
    expect((err as PanelNotFoundError).retry).to.deep.equal({ kind: 'never' });
    expect(panel.calls).to.deep.equal(['get bob', 'list']);
  });

  it('throws a capped transient error when the read-back disagrees with an accepted write', async () => {
    const panel = new ScriptedPanel(account('starter'), ['starter', 'pro'], true);
    const err = await changePackage(panel, 'bob', 'pro').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(PanelTransientError).and.include({ maxAttempts: 3 });
    expect((err as PanelTransientError).retry).to.deep.equal({ kind: 'backoff', maxAttempts: 3 });
    expect((err as Error).message).to.equal(
      'verification failed: account bob is on starter after the change to pro was accepted',
    );
  });

  it('names the empty field', async () => {
    const panel = new ScriptedPanel(account('starter'), []);
    await changePackage(panel, ' ', 'pro').then(
      () => expect.fail('accepted'),
      (e: unknown) => expect(e).to.be.instanceOf(PanelInputError).with.property('message', 'user: must not be empty'),
    );
    await changePackage(panel, 'bob', '').then(
      () => expect.fail('accepted'),
      (e: unknown) =>
        expect(e).to.be.instanceOf(PanelInputError).with.property('message', 'targetPackage: must not be empty'),
    );
    expect(panel.calls).to.deep.equal([]);
  });
});

describe("WHM's reseller package rule (resolveWhmPackage)", () => {
  const packages = ['starter', 'pro', 'res1_gold', 'res1_small', 'res2_gold'];

  it("takes either form of a reseller package for that reseller's account", () => {
    const owned = account('res1_small', { owner: 'res1' });
    expect(resolveWhmPackage(owned, 'gold', packages)).to.equal('res1_gold');
    expect(resolveWhmPackage(owned, 'res1_gold', packages)).to.equal('res1_gold');
  });

  it("refuses, permanently, a package the account's owner cannot use, naming the rule", () => {
    const owned = account('res1_small', { owner: 'res1' });
    for (const other of ['pro', 'res2_gold']) {
      const err = (() => {
        try {
          return resolveWhmPackage(owned, other, packages);
        } catch (e) {
          return e;
        }
      })();
      expect(err, other).to.be.instanceOf(PanelPermissionError);
      expect((err as PanelPermissionError).retry, other).to.deep.equal({ kind: 'never' });
      expect((err as Error).message).to.match(
        /not a package of reseller res1, which owns bob; res1's packages are named res1_… \(res1_gold, res1_small\)/,
      );
    }
    expect(() => resolveWhmPackage(owned, 'platinum', packages)).to.throw(
      PanelNotFoundError,
      /res1_platinum does not exist: bob belongs to reseller res1/,
    );
  });

  it("lets a root-owned account (or a reseller's own account) use any listed package", () => {
    expect(resolveWhmPackage(account('starter', { owner: 'root' }), 'pro', packages)).to.equal('pro');
    expect(resolveWhmPackage(account('starter', { user: 'res1', owner: 'res1' }), 'pro', packages)).to.equal('pro');
    expect(() => resolveWhmPackage(account('starter', { owner: 'root' }), 'gold', packages)).to.throw(
      PanelNotFoundError,
    );
  });
});
