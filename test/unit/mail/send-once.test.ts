import { expect } from 'chai';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MailClaimHeldError, MailTemporaryError } from '../../../src/mail/mail-errors.js';
import { MemoryEmailLogStore } from '../../../src/mail/memory-email-log-store.js';
import { OutboxMailTransport } from '../../../src/mail/outbox-mail-transport.js';
import { emailKey, sendOnce } from '../../../src/mail/send-once.js';

describe('sendOnce and the email log rules', () => {
  let dir: string;
  let clock: number;
  let store: MemoryEmailLogStore;
  const key = emailKey('upgrade-completed', 7);
  const meta = { template: 'upgrade-completed', upgradeId: 7 };
  const msg = {
    from: 'billing@example.test',
    to: 'client@example.test',
    subject: 'Done',
    html: '<p>done</p>',
    text: 'done',
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'upshift-send-once-'));
    clock = Date.UTC(2026, 0, 1);
    store = new MemoryEmailLogStore({ staleAfterMs: 600_000, now: () => clock });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('builds keys as email:<template>:<upgradeId>[:<occurrence>]', () => {
    expect(emailKey('upgrade-completed', 7)).to.equal('email:upgrade-completed:7');
    expect(emailKey('provisioning-failed', 7, 2)).to.equal('email:provisioning-failed:7:2');
  });

  it('does not send while another worker holds a fresh claim, and takes a stale claim over', async () => {
    const transport = new OutboxMailTransport(dir);
    expect(await store.claim(key, { to: msg.to, ...meta })).to.equal('claimed'); // the other worker, which then dies

    clock += 599_999;
    let err: unknown;
    await sendOnce(key, msg, store, transport, meta).catch((e) => (err = e));
    expect(err).to.be.instanceOf(MailClaimHeldError); // comes back later, without using an attempt
    expect((err as MailClaimHeldError).retry).to.deep.equal({ kind: 'later', delayMs: 5000 });
    expect(await readdir(dir)).to.have.length(0);

    clock += 1;
    expect(await sendOnce(key, msg, store, transport, meta)).to.include({ status: 'sent' });
    const files = await readdir(dir);
    expect(files).to.have.length(1);
    expect(files[0]).to.match(/^email_upgrade-completed_7-[0-9a-f]{10}\.eml$/);
    expect(store.entries.get(key)).to.include({ status: 'sent', attempts: 2 });
  });

  it('records a failed send and lets the retry claim and send', async () => {
    const blocked = path.join(dir, 'not-a-folder');
    await writeFile(blocked, 'a file where the outbox folder should be');
    let err: unknown;
    await sendOnce(key, msg, store, new OutboxMailTransport(blocked), meta).catch((e) => (err = e));
    expect(err).to.be.instanceOf(MailTemporaryError);
    expect(store.entries.get(key)).to.include({ status: 'failed', attempts: 1 });
    expect(store.entries.get(key)!.error).to.match(/^MailTemporaryError: email send failed: .*(EEXIST|ENOTDIR)/);

    const ok = new OutboxMailTransport(path.join(dir, 'outbox'));
    const sent = await sendOnce(key, msg, store, ok, meta);
    expect(sent).to.include({ status: 'sent' });
    expect(store.entries.get(key)).to.include({
      status: 'sent',
      attempts: 2,
      error: null,
      messageId: (sent as { messageId: string }).messageId,
    });
    expect(await sendOnce(key, msg, store, ok, meta)).to.deep.equal({ status: 'already-sent' });
    expect(await readdir(path.join(dir, 'outbox'))).to.have.length(1);
  });
});
