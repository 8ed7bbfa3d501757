import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../../src/config/package-root.js';

describe("upshift demo (the README's first command)", () => {
  let outbox: string;
  before(async () => {
    outbox = await mkdtemp(join(tmpdir(), 'upshift-demo-test-'));
  });
  after(async () => {
    await rm(outbox, { recursive: true, force: true });
  });

  it('walks three orders through the API, workers and fake panels, prints the journey and cleans up', async () => {
    const res = spawnSync(process.execPath, [join(packageRoot(), 'bin', 'upshift.js'), 'demo'], {
      env: { ...process.env, OUTBOX_DIR: outbox },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(res.status, res.stderr + res.stdout).to.equal(0);
    const out = res.stdout;
    // The §3 worked example: 19 of 28 days, 6.79 credit, 16.96 debit, 10.18 + 20% VAT = 12.22.
    expect(out).to.contain('19 of 28 days left in the current period');
    expect(out).to.contain('credit 6.79  debit 16.96  subtotal 10.18');
    expect(out).to.contain('Invoice 1: total 12.22 USD');
    for (const step of ['queued', 'invoiced', 'paid', 'applied', 'provisioned', 'completed'])
      expect(out).to.match(new RegExp(`\\+\\s*\\d+ ms  ${step}`));
    expect(out).to.contain('changepackage');
    expect(out).to.contain('webspace.switch-subscription');
    expect(out).to.contain('CMD_API_MODIFY_USER');
    expect(out).to.contain('account credit after the downgrade: 8.14 USD');
    expect(out).to.contain('Cleaned up');
    const [folder] = await readdir(outbox);
    expect(await readdir(join(outbox, folder))).to.have.length(5);
    const dbName = /Database \S+\/(upshift_demo_[0-9a-f]+)/.exec(out)![1];
    const check = spawnSync(
      'mariadb',
      ['-h', '127.0.0.1', '-u', 'root', '-N', '-e', `SHOW DATABASES LIKE '${dbName}'`],
      { encoding: 'utf8' },
    );
    expect(check.stdout.trim()).to.equal('');
  });
});
