import { expect } from 'chai';
import net from 'node:net';
import { ConfigError } from '../../../src/config/config-error.js';
import { MailPermanentError, MailTemporaryError } from '../../../src/mail/mail-errors.js';
import { MemoryEmailLogStore } from '../../../src/mail/memory-email-log-store.js';
import { emailKey, sendOnce } from '../../../src/mail/send-once.js';
import { createMailTransport, type MailTransport, type OutgoingMail } from '../../../src/mail/mail-transport.js';
import { defaultTemplatesDir, TemplateRenderer } from '../../../src/mail/template-renderer.js';
import { HOSTILE_CLIENT_NAME, SAMPLE_VARS } from '../../unit/mail/sample-vars.js';
import { SmtpTestServer, type FailAt } from './smtp-test-server.js';

const renderer = new TemplateRenderer({ templatesDir: defaultTemplatesDir() });

async function upgradeMail(to = 'client@example.test'): Promise<OutgoingMail> {
  const rendered = await renderer.render('upgrade-completed', SAMPLE_VARS['upgrade-completed']);
  return { from: 'Upshift Billing <billing@upshift.example.test>', to, ...rendered };
}

/** Sends and returns the error, failing the test if the send succeeded. */
async function sendError(transport: MailTransport, msg: OutgoingMail): Promise<unknown> {
  try {
    await transport.send(msg);
  } catch (err) {
    return err;
  }
  throw new Error('expected the send to fail');
}

describe('SMTP mail transport against a real SMTP server', () => {
  let server: SmtpTestServer;
  let transport: MailTransport;

  beforeEach(async () => {
    server = await SmtpTestServer.start();
    transport = createMailTransport(server.url(), { outboxDir: 'unused' });
  });

  afterEach(async () => {
    await transport.close();
    await server.close();
  });

  it('delivers the rendered upgrade email: subject, escaped HTML, plain text, stable Message-ID', async () => {
    const sent = await transport.send({ ...(await upgradeMail()), key: 'email:upgrade-completed:4211' });

    expect(server.received).to.have.length(1);
    const { parsed, from, to } = server.received[0];
    expect(from).to.equal('billing@upshift.example.test');
    expect(to).to.deep.equal(['client@example.test']);
    expect(parsed.subject).to.equal('Your upgrade of shop.example.test is complete');
    expect(parsed.messageId).to.equal(sent.messageId);
    expect(sent.location).to.equal(undefined);
    expect(parsed.headers.get('auto-submitted')).to.equal('auto-generated');
    const html = parsed.html as string;
    expect(html).to.contain('Dear O&#x27;Brien &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Ltd,');
    expect(html).not.to.contain('<script>');
    expect(html).to.contain('239.88 EUR');
    expect(parsed.text).to.contain(`Dear ${HOSTILE_CLIENT_NAME},`);
    expect(parsed.text).to.contain('Product: Starter Hosting -> Business Hosting');
    expect(parsed.text).to.contain('Amount paid: 187.31 EUR');

    // The same key gives the same Message-ID, so a resend in the crash window is recognisable downstream.
    const again = await transport.send({ ...(await upgradeMail()), key: 'email:upgrade-completed:4211' });
    expect(again.messageId).to.equal(sent.messageId);
    const other = await transport.send({ ...(await upgradeMail()), key: 'email:upgrade-completed:4212' });
    expect(other.messageId).not.to.equal(sent.messageId);
  });

  for (const [at, code] of [
    ['RCPT', 451],
    ['DATA', 452],
  ] as [FailAt, number][]) {
    it(`classifies a ${code} at ${at} as temporary, and the retry is delivered`, async () => {
      server.failNext(at, code);
      const msg = await upgradeMail();

      const err = await sendError(transport, msg);
      expect(err).to.be.instanceOf(MailTemporaryError);
      expect((err as MailTemporaryError).responseCode).to.equal(code);
      expect((err as MailTemporaryError).retry).to.deep.equal({ kind: 'backoff' });
      expect(server.received).to.have.length(0);

      await transport.send(msg);
      expect(server.received).to.have.length(1);
      expect(server.received[0].parsed.subject).to.equal('Your upgrade of shop.example.test is complete');
    });
  }

  for (const [at, code] of [
    ['RCPT', 550],
    ['DATA', 554],
  ] as [FailAt, number][]) {
    it(`classifies a ${code} at ${at} as permanent: give up, nothing delivered`, async () => {
      server.failAlways(at, code);
      const err = await sendError(transport, await upgradeMail());
      expect(err).to.be.instanceOf(MailPermanentError);
      expect((err as MailPermanentError).responseCode).to.equal(code);
      expect((err as MailPermanentError).retry).to.deep.equal({ kind: 'never' });
      expect(server.received).to.have.length(0);
    });
  }

  it('sendOnce twice with the same key: the server receives one message', async () => {
    const store = new MemoryEmailLogStore();
    const key = emailKey('upgrade-completed', 4211);
    const msg = await upgradeMail();
    const meta = { template: 'upgrade-completed', upgradeId: 4211 };

    const first = await sendOnce(key, msg, store, transport, meta);
    const second = await sendOnce(key, msg, store, transport, meta);

    expect(first).to.include({ status: 'sent' });
    expect(second).to.deep.equal({ status: 'already-sent' });
    expect(server.received).to.have.length(1);
    expect(server.received[0].parsed.messageId).to.equal((first as { messageId: string }).messageId);
  });

  it('reuses one pooled connection for consecutive sends', async () => {
    for (let i = 0; i < 4; i++) await transport.send(await upgradeMail(`client${i}@example.test`));
    expect(server.received.map((m) => m.to[0])).to.deep.equal([0, 1, 2, 3].map((i) => `client${i}@example.test`));
    expect(server.connections).to.equal(1);
  });

  it('verify() greets the server', async () => {
    await transport.verify();
    expect(server.connections).to.be.greaterThan(0);
  });
});

describe('SMTP mail transport: credentials and unreachable servers', () => {
  const credentials = { user: 'mailer@upshift.test', pass: 'p@ss:w/rd&more' };

  it('authenticates with URL-encoded credentials from MAIL_TRANSPORT', async () => {
    const server = await SmtpTestServer.start(credentials);
    const transport = createMailTransport(server.url(credentials), { outboxDir: 'unused' });
    try {
      await transport.send(await upgradeMail());
      expect(server.received).to.have.length(1);
    } finally {
      await transport.close();
      await server.close();
    }
  });

  it('treats rejected credentials as permanent and keeps the password out of the error', async () => {
    const server = await SmtpTestServer.start(credentials);
    const transport = createMailTransport(server.url({ user: credentials.user, pass: 'wrong-secret-123' }), {
      outboxDir: 'unused',
    });
    try {
      const err = await sendError(transport, await upgradeMail());
      expect(err).to.be.instanceOf(MailPermanentError);
      expect((err as MailPermanentError).responseCode).to.equal(535);
      expect(String((err as Error).message)).not.to.contain('wrong-secret-123');
      expect(server.received).to.have.length(0);
    } finally {
      await transport.close();
      await server.close();
    }
  });

  it('treats a refused connection as temporary', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const transport = createMailTransport(`smtp://127.0.0.1:${port}`, { outboxDir: 'unused' });
    try {
      const err = await sendError(transport, await upgradeMail());
      expect(err).to.be.instanceOf(MailTemporaryError);
      expect((err as MailTemporaryError).responseCode).to.equal(null);
      expect(['ESOCKET', 'ECONNECTION']).to.include((err as MailTemporaryError).code);
    } finally {
      await transport.close();
    }
  });
});

describe('createMailTransport', () => {
  for (const spec of [
    '',
    'outbox:',
    'sendmail',
    'http://user:hunter2@mail.example.test',
    'smtp:/missing-slashes',
    'smtp://',
    'smtp://user:hunter2@[bad',
  ]) {
    it(`rejects ${JSON.stringify(spec)} naming MAIL_TRANSPORT without echoing credentials`, () => {
      let err: unknown;
      try {
        createMailTransport(spec, { outboxDir: 'outbox' });
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(ConfigError);
      expect((err as ConfigError).variable).to.equal('MAIL_TRANSPORT');
      expect((err as Error).message).to.match(/^MAIL_TRANSPORT: /);
      expect((err as Error).message).not.to.contain('hunter2');
    });
  }
});
