import { expect } from 'chai';
import { classifyMailError } from '../../../src/mail/classify-mail-error.js';
import { MailPermanentError, MailTemporaryError } from '../../../src/mail/mail-errors.js';

/** An error shaped like the ones nodemailer rejects with. */
function smtpError(props: { code?: string; responseCode?: number }, message = 'smtp said no'): Error {
  return Object.assign(new Error(message), props);
}

describe('classifyMailError', () => {
  const cases: [string, unknown, 'temporary' | 'permanent'][] = [
    ['421 service not available', smtpError({ code: 'ECONNECTION', responseCode: 421 }), 'temporary'],
    ['450 mailbox busy', smtpError({ code: 'EENVELOPE', responseCode: 450 }), 'temporary'],
    ['451 local error', smtpError({ code: 'EENVELOPE', responseCode: 451 }), 'temporary'],
    ['452 storage full', smtpError({ code: 'EMESSAGE', responseCode: 452 }), 'temporary'],
    ['503 bad sequence (stale pooled session)', smtpError({ code: 'EPROTOCOL', responseCode: 503 }), 'temporary'],
    ['550 no such user', smtpError({ code: 'EENVELOPE', responseCode: 550 }), 'permanent'],
    ['552 too big', smtpError({ code: 'EMESSAGE', responseCode: 552 }), 'permanent'],
    ['554 rejected', smtpError({ code: 'EMESSAGE', responseCode: 554 }), 'permanent'],
    ['535 bad credentials', smtpError({ code: 'EAUTH', responseCode: 535 }), 'permanent'],
    ['ECONNECTION', smtpError({ code: 'ECONNECTION' }), 'temporary'],
    ['ETIMEDOUT', smtpError({ code: 'ETIMEDOUT' }), 'temporary'],
    ['ESOCKET', smtpError({ code: 'ESOCKET' }), 'temporary'],
    ['EDNS', smtpError({ code: 'EDNS' }), 'temporary'],
    ['EAUTH without a reply', smtpError({ code: 'EAUTH' }), 'permanent'],
    ['ENOAUTH', smtpError({ code: 'ENOAUTH' }), 'permanent'],
    ['EENVELOPE without a reply (no recipients)', smtpError({ code: 'EENVELOPE' }), 'permanent'],
    ['a disk error writing the outbox', Object.assign(new Error('no space'), { code: 'ENOSPC' }), 'temporary'],
    ['an Error without a code', new Error('odd'), 'temporary'],
    ['a thrown string', 'weird', 'temporary'],
  ];

  for (const [label, err, kind] of cases) {
    it(`${label} → ${kind}`, () => {
      const classified = classifyMailError(err);
      expect(classified).to.be.instanceOf(kind === 'temporary' ? MailTemporaryError : MailPermanentError);
      expect(classified.cause).to.equal(err);
      expect(classified.retry.kind).to.equal(kind === 'temporary' ? 'backoff' : 'never');
    });
  }

  it('keeps code and reply code, and names the failure', () => {
    const classified = classifyMailError(
      smtpError({ code: 'EENVELOPE', responseCode: 550 }, '550 5.1.1 <x@example.test>: user unknown'),
    );
    expect(classified).to.include({ name: 'MailPermanentError', code: 'EENVELOPE', responseCode: 550 });
    expect(classified.message).to.equal('email send failed: 550 5.1.1 <x@example.test>: user unknown');
  });

  it('returns an already classified error unchanged', () => {
    const temporary = new MailTemporaryError('busy', 'ECONNRESET');
    const permanent = new MailPermanentError('bad', 'EENVELOPE', 550);
    expect(classifyMailError(temporary)).to.equal(temporary);
    expect(classifyMailError(permanent)).to.equal(permanent);
  });
});
