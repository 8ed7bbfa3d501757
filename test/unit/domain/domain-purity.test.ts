import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Static guards on src/domain: money never touches floating point, and no date depends on the machine's
// clock or time zone. The compiled tests live in dist/test/…, the sources four levels up from here.
const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const domain = join(root, 'src/domain');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The code of a file without its comments, so a comment may name what the code must not use. */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

function offenders(paths: string[], pattern: RegExp): string[] {
  return paths.filter((path) => pattern.test(code(path))).map((path) => relative(root, path));
}

describe('src/domain purity', () => {
  const all = sources(domain);

  it('has the files it is checked on', () => {
    expect(all.map((path) => relative(domain, path))).to.include.members([
      'money.ts',
      'rational.ts',
      'quote/quote.ts',
      'calendar/add-months.ts',
    ]);
  });

  it('never uses Date: every date is a day number computed from year, month and day', () => {
    expect(offenders(all, /\bDate\s*[.(]|new\s+Date\b|getTimezoneOffset|Intl\./)).to.deep.equal([]);
  });

  it('never parses or rounds money as a float', () => {
    expect(offenders(all, /\bparseFloat|\bparseInt|toFixed|toPrecision|Math\.round|\bNumber\(/)).to.deep.equal([]);
  });

  it('keeps Math (integer day arithmetic) inside the calendar only', () => {
    expect(
      offenders(
        all.filter((path) => !path.includes('/calendar/')),
        /\bMath\./,
      ),
    ).to.deep.equal([]);
  });

  it('does no I/O and imports nothing outside src/domain', () => {
    expect(offenders(all, /from\s+'(node:|[a-z@])|require\(|process\./)).to.deep.equal([]);
  });
});
