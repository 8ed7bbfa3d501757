import { expect } from 'chai';
import { changePackage } from '../../../src/panels/change-package.js';
import { PanelInputError, PanelNotFoundError, PanelTransientError } from '../../../src/panels/errors/index.js';
import type { PanelAccount, PanelAdapter } from '../../../src/panels/panel-adapter.js';

/** An in-memory panel that logs calls; `ignoreWrites` makes it accept a write without applying it. */
class ScriptedPanel implements PanelAdapter {
  readonly calls: string[] = [];
  constructor(
    private account: PanelAccount,
    private readonly packages: string[],
    private readonly ignoreWrites = false,
  ) {}
  async getAccount(user: string): Promise<PanelAccount> {
    this.calls.push(`get ${user}`);
    return { ...this.account };
  }
  async listPackages(): Promise<string[]> {
    this.calls.push('list');
    return [...this.packages];
  }
  async changePackage(user: string, pkg: string): Promise<void> {
    this.calls.push(`change ${user} ${pkg}`);
    if (!this.ignoreWrites) this.account = { ...this.account, package: pkg };
  }
}

describe('changePackage (one attempt)', () => {
  it('reads, checks the target, writes, and reads back', async () => {
    const panel = new ScriptedPanel({ package: 'starter', suspended: false }, ['starter', 'pro']);
    expect(await changePackage(panel, 'bob', 'pro')).to.deep.equal({ previousPackage: 'starter', changed: true });
    expect(panel.calls).to.deep.equal(['get bob', 'list', 'change bob pro', 'get bob']);
  });

  it('does nothing more than the read when the account is already on the target', async () => {
    const panel = new ScriptedPanel({ package: 'pro', suspended: true }, ['starter', 'pro']);
    expect(await changePackage(panel, 'bob', 'pro')).to.deep.equal({ previousPackage: 'pro', changed: false });
    expect(panel.calls).to.deep.equal(['get bob']);
  });

  it('fails permanently, without writing, when the target package does not exist', async () => {
    const panel = new ScriptedPanel({ package: 'starter', suspended: false }, ['starter']);
    const err = await changePackage(panel, 'bob', 'gold').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(PanelNotFoundError).and.include({ what: 'package', objectName: 'gold', retryable: false });
    expect(panel.calls).to.deep.equal(['get bob', 'list']);
  });

  it('throws a capped transient error when the read-back disagrees with an accepted write', async () => {
    const panel = new ScriptedPanel({ package: 'starter', suspended: false }, ['starter', 'pro'], true);
    const err = await changePackage(panel, 'bob', 'pro').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(PanelTransientError).and.include({ retryable: true, maxAttempts: 3 });
    expect((err as Error).message).to.equal('verification failed: account bob is on starter after the change to pro was accepted');
  });

  it('names the empty field', async () => {
    const panel = new ScriptedPanel({ package: 'starter', suspended: false }, []);
    await changePackage(panel, ' ', 'pro').then(() => expect.fail('accepted'), (e: unknown) => expect(e).to.be.instanceOf(PanelInputError).with.property('message', 'user: must not be empty'));
    await changePackage(panel, 'bob', '').then(() => expect.fail('accepted'), (e: unknown) => expect(e).to.be.instanceOf(PanelInputError).with.property('message', 'targetPackage: must not be empty'));
    expect(panel.calls).to.deep.equal([]);
  });
});
