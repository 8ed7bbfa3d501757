import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { dropDatabase } from '../../../src/db/data-source.js';
import { packageRoot } from '../../../src/config/package-root.js';
import { migrations } from '../../../src/db/migrations/index.js';
import { freshDatabaseUrl } from '../../support/test-database.js';
import { createDataSource } from '../../../src/db/data-source.js';

const bin = join(packageRoot(), 'bin', 'upshift.js');
const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });

describe('upshift migrate', () => {
  const url = freshDatabaseUrl('cli');
  after(async () => {
    await dropDatabase(url);
  });

  it('creates the missing database, applies the migrations, then reports it is up to date', async () => {
    const first = run(['migrate'], { DATABASE_URL: url });
    expect(first.status, first.stderr).to.equal(0);
    for (const m of migrations) expect(first.stdout).to.contain(`applied ${new m().name}`);
    const second = run(['migrate'], { DATABASE_URL: url });
    expect(second.stdout).to.equal('database is up to date\n');
    const ds = createDataSource(url);
    await ds.initialize();
    try {
      const [row] = await ds.query<Array<{ n: string | number }>>('SELECT COUNT(*) AS n FROM migrations');
      expect(Number(row.n)).to.equal(migrations.length);
    } finally {
      await ds.destroy();
    }
  });

  it('stops before touching anything when a config value is wrong, naming the variable', () => {
    const res = run(['migrate'], { DATABASE_URL: url, DAY_COUNT: 'sometimes' });
    expect(res.status).to.equal(78);
    expect(res.stderr).to.contain("configuration error: DAY_COUNT: expected one of actual, fixed, got 'sometimes'");
    expect(res.stdout).to.equal('');
  });
});
