import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/upshift.js quote …` with `stdin`, the way a billing system shells out to it. */
function upshiftQuote(stdin: string, args: string[] = []): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin/upshift.js'), 'quote', ...args], {
      cwd: root,
      env: { ...process.env, TZ: 'America/Adak' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const input = {
  asOf: '2025-02-10',
  current: {
    productId: 1,
    productName: 'Starter',
    billingCycle: 'monthly',
    nextDueDate: '2025-03-01',
    recurringAmount: '10.00',
  },
  target: { productId: 2, productName: 'Pro', productPricing: { monthly: '25.00' } },
  promotion: { code: 'UP10', type: 'percent', value: '10' },
  tax: { rates: [{ name: 'VAT', rate: '20' }] },
};

const expectedQuote = {
  direction: 'upgrade',
  timing: 'on-payment',
  days: 19,
  totalDays: 28,
  newTotalDays: 28,
  credit: '6.79',
  debit: '16.96',
  subtotal: '10.18',
  discount: '1.02',
  taxes: [{ name: 'VAT', rate: '20', amount: '1.83' }],
  total: '10.99',
  creditToAccount: '0.00',
  invoiceRequired: true,
  newRecurringAmount: '25.00',
  newBillingCycle: 'monthly',
  newNextDueDate: '2025-03-01',
  effectiveDate: null,
  lines: [{ description: 'Starter => Pro (monthly)', credit: '6.79', debit: '16.96' }],
};

const overdue = { ...input, asOf: '2025-03-02' };
const overdueError = {
  error: {
    code: 'overdue',
    message: 'asOf 2025-03-02 is after current.nextDueDate 2025-03-01: the service is overdue, renew it first',
  },
};

describe('upshift quote', () => {
  it('prints the Quote for one input and exits 0', async () => {
    const run = await upshiftQuote(JSON.stringify(input));
    expect(run.code).to.equal(0);
    expect(run.stderr).to.equal('');
    expect(JSON.parse(run.stdout)).to.deep.equal(expectedQuote);
    expect(run.stdout).to.equal(`${JSON.stringify(expectedQuote, null, 2)}\n`);
  });

  it('prints the error and exits 2', async () => {
    const run = await upshiftQuote(JSON.stringify(overdue));
    expect(run.code).to.equal(2);
    expect(JSON.parse(run.stdout)).to.deep.equal(overdueError);
  });

  it('answers an array with an array of results in the same order and exits 0', async () => {
    const run = await upshiftQuote(JSON.stringify([input, overdue, { ...input, target: {} }, input]), ['--compact']);
    expect(run.code).to.equal(0);
    expect(run.stdout.trimEnd().split('\n')).to.have.length(1);
    expect(JSON.parse(run.stdout)).to.deep.equal([
      expectedQuote,
      overdueError,
      {
        error: { code: 'no_change', message: 'target changes nothing: it has the current product, cycle and options' },
      },
      expectedQuote,
    ]);
  });

  it('answers an empty array with an empty array', async () => {
    const run = await upshiftQuote('[]', ['--compact']);
    expect(run).to.include({ code: 0, stdout: '[]\n' });
  });

  it('refuses input that is not JSON, or nothing at all, with invalid_input and exit 2', async () => {
    const broken = await upshiftQuote('{"asOf": ');
    expect(broken.code).to.equal(2);
    const error = JSON.parse(broken.stdout) as { error: { code: string; message: string } };
    expect(error.error.code).to.equal('invalid_input');
    expect(error.error.message).to.match(/^input is not valid JSON: /);
    const empty = await upshiftQuote('');
    expect(empty.code).to.equal(2);
    expect(JSON.parse(empty.stdout)).to.deep.equal({
      error: { code: 'invalid_input', message: 'input is empty: pipe the quote input as JSON on stdin' },
    });
  });

  it('names the field of an invalid input', async () => {
    const run = await upshiftQuote(
      JSON.stringify({ ...input, target: { productId: 2, productPricing: { monthly: '25.005' } } }),
      ['--compact'],
    );
    expect(run.code).to.equal(2);
    expect(run.stdout).to.equal(
      '{"error":{"code":"invalid_input","message":"target.productPricing.monthly has more than 2 decimals: \\"25.005\\""}}\n',
    );
  });

  it('shows its usage with --help and refuses unknown arguments', async () => {
    const help = await upshiftQuote('', ['--help']);
    expect(help.code).to.equal(0);
    expect(help.stdout).to.match(/^usage: upshift quote \[--compact\] < input\.json/);
    const unknown = await upshiftQuote('{}', ['--pretty']);
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.match(/^upshift quote: unknown argument '--pretty'/);
  });

  it('is listed by upshift help', async () => {
    const { main } = await import('../../../src/cli/main.js');
    const write = process.stdout.write.bind(process.stdout);
    let out = '';
    process.stdout.write = (text: string) => {
      out += text;
      return true;
    };
    try {
      expect(await main(['help'])).to.equal(0);
    } finally {
      process.stdout.write = write;
    }
    expect(out).to.match(/^\s+quote\s+price an upgrade/m);
  });

  it('loads no package: its static import graph is node built-ins and its own files only', () => {
    // Packages such as typeorm or bullmq would make `upshift quote` slow to start and need their services.
    const seen = new Set<string>();
    const packages: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(
        /^\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm,
      )) {
        const specifier = match[1] ?? match[2];
        if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
        else if (!specifier.startsWith('node:')) packages.push(`${relative(root, file)} → ${specifier}`);
      }
    };
    visit(join(root, 'dist/src/cli/main.js'));
    visit(join(root, 'dist/src/cli/commands/quote.js'));
    expect(packages).to.deep.equal([]);
    expect([...seen].map((file) => relative(root, file))).to.include.members([
      'dist/src/domain/quote/quote.js',
      'dist/src/domain/money.js',
    ]);
  });
});
