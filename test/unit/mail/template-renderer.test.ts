import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EMAIL_TEMPLATE_NAMES } from '../../../src/mail/email-templates.js';
import { EmailTemplateError } from '../../../src/mail/mail-errors.js';
import { defaultTemplatesDir, TemplateRenderer } from '../../../src/mail/template-renderer.js';
import { HOSTILE_CLIENT_NAME, SAMPLE_VARS } from './sample-vars.js';

const ESCAPED_CLIENT_NAME = 'O&#x27;Brien &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Ltd';

async function renderError(
  renderer: TemplateRenderer,
  name: string,
  vars: Record<string, unknown>,
): Promise<EmailTemplateError> {
  try {
    await renderer.render(name, vars);
  } catch (err) {
    expect(err).to.be.instanceOf(EmailTemplateError);
    return err as EmailTemplateError;
  }
  throw new Error(`expected rendering '${name}' to fail`);
}

describe('TemplateRenderer with the shipped templates', () => {
  const renderer = new TemplateRenderer({ templatesDir: defaultTemplatesDir() });

  it('finds templates/email at the package root', () => {
    const dir = defaultTemplatesDir();
    expect(path.basename(path.dirname(dir))).to.equal('templates');
    for (const name of EMAIL_TEMPLATE_NAMES) expect(existsSync(path.join(dir, name, 'html.hbs')), name).to.equal(true);
  });

  const subjects: Record<string, string> = {
    'upgrade-completed': 'Your upgrade of shop.example.test is complete',
    'upgrade-invoice-issued': 'Invoice 9902 for your upgrade of shop.example.test',
    'downgrade-scheduled': 'Your plan change for shop.example.test is scheduled for 2026-03-15',
    'provisioning-failed': '[Action needed] Provisioning failed for upgrade 4211 (shop.example.test)',
    'upgrade-healed': '[Healed] Upgrade 4211 (shop.example.test) was stuck in invoiced (invoice paid)',
  };
  for (const name of EMAIL_TEMPLATE_NAMES) {
    it(`${name}: renders subject, escaped HTML inside the layout, unescaped text`, async () => {
      const out = await renderer.render(name, SAMPLE_VARS[name]);
      expect(out.subject).to.equal(subjects[name]);
      expect(out.html).to.match(/^<!DOCTYPE html>/);
      expect(out.html).to.contain(`<title>${subjects[name].replace('[', '[')}</title>`);
      expect(out.html).to.contain(ESCAPED_CLIENT_NAME);
      expect(out.html).not.to.contain('<script>');
      expect(out.html).to.contain('Upgrade reference: 4211');
      expect(out.text).to.contain(HOSTILE_CLIENT_NAME);
      expect(out.text).not.to.contain('&amp;');
      expect(out.text).to.match(/\n--\nSent automatically by Upshift\. Please do not reply to this message\.\n$/);
    });
  }

  it('upgrade-completed carries every WHMCS-parity field', async () => {
    const { text, html } = await renderer.render('upgrade-completed', SAMPLE_VARS['upgrade-completed']);
    expect(text).to.contain(
      [
        'Service: shop.example.test',
        'Product: Starter Hosting -> Business Hosting',
        'Billing cycle: Monthly -> Annually',
        'New recurring amount: 239.88 EUR',
        'Next due date: 2026-03-15',
        'Amount paid: 187.31 EUR',
        'Invoice: 9902',
      ].join('\n'),
    );
    expect(html).to.contain('Starter Hosting &rarr; Business Hosting');
    expect(html).to.contain('>239.88 EUR</td>');
  });

  it('upgrade-completed without an invoice leaves the invoice line out', async () => {
    const { text } = await renderer.render('upgrade-completed', {
      ...SAMPLE_VARS['upgrade-completed'],
      invoiceId: null,
      amountPaid: '0.00',
    });
    expect(text).to.contain('Amount paid: 0.00 EUR\n');
    expect(text).not.to.contain('Invoice:');
  });

  it('upgrade-invoice-issued shows the pay button only with a link', async () => {
    const withLink = await renderer.render('upgrade-invoice-issued', SAMPLE_VARS['upgrade-invoice-issued']);
    expect(withLink.html).to.contain(
      '<a href="https://billing.example.test/invoices/9902?pay&#x3D;1&amp;lang&#x3D;en"',
    );
    const without = await renderer.render('upgrade-invoice-issued', {
      ...SAMPLE_VARS['upgrade-invoice-issued'],
      invoiceUrl: null,
    });
    expect(without.html).not.to.contain('<a href');
    expect(without.text).not.to.contain('View and pay');
  });

  it('uses brandName in layout and footer', async () => {
    const branded = new TemplateRenderer({ templatesDir: defaultTemplatesDir(), brandName: 'Acme & Sons Hosting' });
    const out = await branded.render('downgrade-scheduled', SAMPLE_VARS['downgrade-scheduled']);
    expect(out.html).to.contain('Acme &amp; Sons Hosting</td>');
    expect(out.text).to.contain('Sent automatically by Acme & Sons Hosting.');
  });

  it('a missing variable of a built-in template is an error naming it and the template', async () => {
    const { nextDueDate: _omitted, ...vars } = SAMPLE_VARS['upgrade-completed'];
    const err = await renderError(renderer, 'upgrade-completed', vars);
    expect(err.message).to.equal("email template 'upgrade-completed': variable 'nextDueDate' is missing");
    expect(err).to.include({ template: 'upgrade-completed', variable: 'nextDueDate' });
  });

  it('a variable used only inside {{#if}} is still required (strict mode alone would not notice)', async () => {
    const { invoiceUrl: _omitted, ...vars } = SAMPLE_VARS['upgrade-invoice-issued'];
    expect((await renderError(renderer, 'upgrade-invoice-issued', vars)).variable).to.equal('invoiceUrl');
  });

  it('rejects malformed values naming the variable: money, dates, currency, javascript: links', async () => {
    const bad: [string, Record<string, unknown>, string][] = [
      ['upgrade-completed', { ...SAMPLE_VARS['upgrade-completed'], amountPaid: 187.31 }, 'amountPaid'],
      [
        'upgrade-completed',
        { ...SAMPLE_VARS['upgrade-completed'], newRecurringAmount: '€239.88' },
        'newRecurringAmount',
      ],
      ['upgrade-completed', { ...SAMPLE_VARS['upgrade-completed'], nextDueDate: '15/03/2026' }, 'nextDueDate'],
      ['downgrade-scheduled', { ...SAMPLE_VARS['downgrade-scheduled'], currency: 'eur' }, 'currency'],
      [
        'upgrade-invoice-issued',
        { ...SAMPLE_VARS['upgrade-invoice-issued'], invoiceUrl: 'javascript:alert(1)' },
        'invoiceUrl',
      ],
      ['provisioning-failed', { ...SAMPLE_VARS['provisioning-failed'], serviceId: 0 }, 'serviceId'],
    ];
    for (const [name, vars, variable] of bad) {
      const err = await renderError(renderer, name, vars);
      expect(err.variable, variable).to.equal(variable);
      expect(err.message).to.match(new RegExp(`^email template '${name}': variable '${variable}' is invalid: `));
    }
  });

  it('refuses template names that could leave the templates folder', async () => {
    for (const name of ['../layouts', 'Upgrade', '']) {
      expect((await renderError(renderer, name, {})).message).to.contain('is invalid');
    }
  });

  it('reports an unknown template by name', async () => {
    const err = await renderError(renderer, 'no-such-template', {});
    expect(err.message).to.match(/^email template 'no-such-template' not found/);
  });
});

describe('TemplateRenderer strict mode on a custom template', () => {
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'upshift-templates-'));
    await cp(defaultTemplatesDir(), dir, { recursive: true });
    await cp(path.join(dir, 'upgrade-completed'), path.join(dir, 'vps-upgraded'), { recursive: true });
    await writeFile(
      path.join(dir, 'vps-upgraded', 'html.hbs'),
      '<p>Hi {{clientName}}</p>\n{{#> change-summary}}{{/change-summary}}\n<p>{{ipAddress}}</p>\n',
    );
    await writeFile(path.join(dir, 'vps-upgraded', 'text.hbs'), 'Hi {{clientName}}, your IP is {{ipAddress}}.\n');
    await writeFile(path.join(dir, 'vps-upgraded', 'subject.hbs'), 'VPS for {{clientName}}\n  upgraded\n');
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('throws naming the template, the file, the line and the variable', async () => {
    const renderer = new TemplateRenderer({ templatesDir: dir });
    const err = await renderError(renderer, 'vps-upgraded', { ...SAMPLE_VARS['upgrade-completed'] });
    expect(err.message).to.equal(
      "email template 'vps-upgraded' html.hbs: variable 'ipAddress' is not defined (line 3 of html.hbs or of a partial it includes)",
    );
    expect(err).to.include({ template: 'vps-upgraded', part: 'html.hbs', variable: 'ipAddress' });
  });

  it('renders once the variable is passed; subject collapses to one unescaped line', async () => {
    const renderer = new TemplateRenderer({ templatesDir: dir });
    const out = await renderer.render('vps-upgraded', {
      ...SAMPLE_VARS['upgrade-completed'],
      ipAddress: '203.0.113.7',
    });
    expect(out.subject).to.equal(`VPS for ${HOSTILE_CLIENT_NAME} upgraded`);
    expect(out.html).to.contain('<p>203.0.113.7</p>');
    expect(out.html).to.contain('Billing cycle</td>');
    expect(out.text).to.match(
      new RegExp(`^Hi ${HOSTILE_CLIENT_NAME.replace(/[()]/g, '\\$&')}, your IP is 203\\.0\\.113\\.7\\.\\n\\n--\\n`),
    );
  });

  it('a partial that uses a missing variable fails the same way', async () => {
    const renderer = new TemplateRenderer({ templatesDir: dir });
    const { serviceDomain: _omitted, ...vars } = SAMPLE_VARS['upgrade-completed'];
    const err = await renderError(renderer, 'vps-upgraded', { ...vars, ipAddress: '203.0.113.7' });
    expect(err).to.include({ part: 'html.hbs', variable: 'serviceDomain' });
  });
});
