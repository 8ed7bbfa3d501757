import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES } from '../../../src/config/config-variables.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { packageRoot } from '../../../src/config/package-root.js';

/**
 * Defaults live in one place, config/default.json. The README's configuration table is what users read, so it is
 * checked against it: every variable Upshift reads is listed, nothing else, and every default written as a literal
 * is the real one.
 */
describe("README's configuration table agrees with the code", () => {
  const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5),
  );
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  const listed = new Map<string, string>();
  for (const row of rows) {
    const [names, defaults] = row.split(' | ').map((c) => c.replace(/^\| /, '').trim());
    const vars = names.split(', ').map((n) => n.replace(/`/g, ''));
    const cells =
      defaults.startsWith('`') && defaults.split(', ').length === vars.length
        ? defaults.split(', ')
        : vars.map(() => defaults);
    vars.forEach((v, i) => listed.set(v, cells[i]));
  }

  it('lists every variable Upshift reads, and no other', () => {
    expect([...listed.keys()].sort()).to.deep.equal([...Object.keys(CONFIG_VARIABLES), 'SECRETS_KEY'].sort());
  });

  it('shows the real default wherever it writes one as a literal; "none" means empty', () => {
    const config = loadConfig({}, { stdoutIsTty: false }) as unknown as Record<string, unknown> & {
      policy: Record<string, unknown>;
    };
    for (const [variable, { key }] of Object.entries(CONFIG_VARIABLES)) {
      const cell = listed.get(variable)!;
      const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], config); // policy.x, retention.x
      if (/^`[^`]*`$/.test(cell)) expect(String(value), variable).to.equal(cell.slice(1, -1));
      else if (cell === 'none')
        expect(
          value === null || value === '' || (Array.isArray(value) && value.length === 0),
          `${variable}: ${JSON.stringify(value)}`,
        ).to.equal(true);
    }
  });
});
