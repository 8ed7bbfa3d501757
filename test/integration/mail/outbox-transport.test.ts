import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { createMailTransport } from '../../../src/mail/mail-transport.js';
import { MemoryEmailLogStore } from '../../../src/mail/memory-email-log-store.js';
import { OutboxMailTransport } from '../../../src/mail/outbox-mail-transport.js';
import { emailKey, sendOnce } from '../../../src/mail/send-once.js';
import { defaultTemplatesDir, TemplateRenderer } from '../../../src/mail/template-renderer.js';
import { HOSTILE_CLIENT_NAME, SAMPLE_VARS } from '../../unit/mail/sample-vars.js';

describe('outbox mail transport', () => {
  let dir: string;
  const renderer = new TemplateRenderer({ templatesDir: defaultTemplatesDir(), brandName: 'Example Hosting' });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'upshift-outbox-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("'outbox' writes a parseable .eml named by the key into outboxDir", async () => {
    const transport = createMailTransport('outbox', { outboxDir: path.join(dir, 'default') });
    const rendered = await renderer.render('upgrade-invoice-issued', SAMPLE_VARS['upgrade-invoice-issued']);
    const sent = await transport.send({
      from: 'billing@example.test',
      to: 'client@example.test',
      ...rendered,
      key: 'email:upgrade-invoice-issued:4211',
    });
    await transport.close();

    expect(path.dirname(sent.location!)).to.equal(path.join(dir, 'default'));
    expect(path.basename(sent.location!)).to.match(/^email_upgrade-invoice-issued_4211-[0-9a-f]{10}\.eml$/);
    expect(await readdir(path.join(dir, 'default'))).to.deep.equal([path.basename(sent.location!)]);
    const raw = await readFile(sent.location!);
    expect(raw.includes('\r\n')).to.equal(true);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).to.equal('Invoice 9902 for your upgrade of shop.example.test');
    expect(parsed.messageId).to.equal(sent.messageId);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : null).to.equal('client@example.test');
    expect(parsed.html).to.contain('href="https://billing.example.test/invoices/9902?pay&#x3D;1&amp;lang&#x3D;en"');
    expect(parsed.html).to.contain('Example Hosting');
    expect(parsed.text).to.contain(`Dear ${HOSTILE_CLIENT_NAME},`);
    expect(parsed.text).to.contain(
      'View and pay the invoice: https://billing.example.test/invoices/9902?pay=1&lang=en',
    );
  });

  it("'outbox:<dir>' writes into that folder", async () => {
    const target = path.join(dir, 'custom');
    const transport = createMailTransport(`outbox:${target}`, { outboxDir: path.join(dir, 'ignored') });
    await transport.verify();
    const sent = await transport.send({
      from: 'billing@example.test',
      to: 'a@example.test',
      subject: 'S',
      html: '<p>h</p>',
      text: 't',
    });
    expect(path.dirname(sent.location!)).to.equal(target);
    expect(sent.location!).to.match(/[0-9a-f-]{36}\.eml$/);
    expect(await readdir(dir)).to.deep.equal(['custom']);
  });

  it('sendOnce twice with the same key leaves one file and sends nothing the second time', async () => {
    const transport = new OutboxMailTransport(dir);
    const store = new MemoryEmailLogStore();
    const key = emailKey('upgrade-completed', 4211);
    const rendered = await renderer.render('upgrade-completed', SAMPLE_VARS['upgrade-completed']);
    const msg = { from: 'billing@example.test', to: 'client@example.test', ...rendered };

    const first = await sendOnce(key, msg, store, transport, { template: 'upgrade-completed', upgradeId: 4211 });
    const second = await sendOnce(key, msg, store, transport, { template: 'upgrade-completed', upgradeId: 4211 });

    expect(first.status).to.equal('sent');
    expect(second).to.deep.equal({ status: 'already-sent' });
    expect(await readdir(dir)).to.have.length(1);
    expect(store.entries.get(key)).to.include({
      status: 'sent',
      attempts: 1,
      to: 'client@example.test',
      template: 'upgrade-completed',
      upgradeId: 4211,
    });
  });

  it('rejects a recipient that is empty or spans lines, naming the field, as permanent', async () => {
    const transport = new OutboxMailTransport(dir);
    for (const to of ['', 'a@example.test\r\nBcc: evil@example.test']) {
      let err: unknown;
      await transport
        .send({ from: 'billing@example.test', to, subject: 'S', html: 'h', text: 't' })
        .catch((e) => (err = e));
      expect(err).to.have.property('name', 'MailPermanentError');
      expect((err as Error).message).to.match(/^to: expected a non-empty single-line string/);
    }
    expect(await readdir(dir)).to.have.length(0);
  });
});
