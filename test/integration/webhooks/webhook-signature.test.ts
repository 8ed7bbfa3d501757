import { expect } from 'chai';
import { signWebhook, verifyWebhookSignature, webhookSignatureHeader } from '../../../src/webhooks/webhook-signature.js';

describe('webhook signatures', () => {
  const secret = 'whsec_test_5f2b';
  const t = 1767225600;
  const body = '{"id":"whd_0123456789abcdef0123456789abcdef","type":"upgrade.completed"}';
  // From: printf '%s' "$t.$body" | openssl dgst -sha256 -hmac "$secret"
  const opensslHex = 'b2d96de1d07418b892716e28976074d2aab8b89a2028ccef6ce822d97a687c23';

  it('matches HMAC-SHA256 of "<t>.<body>" as computed by openssl', () => {
    expect(signWebhook(secret, t, body)).to.equal(opensslHex);
    expect(signWebhook(secret, t, Buffer.from(body))).to.equal(opensslHex);
    expect(webhookSignatureHeader(secret, t, body)).to.equal(`t=${t},v1=${opensslHex}`);
  });

  it('verifies a good header at the edges of the tolerance, and refuses outside it', () => {
    const header = `t=${t},v1=${opensslHex}`;
    expect(verifyWebhookSignature(secret, header, body, 300, t)).to.equal(true);
    expect(verifyWebhookSignature(secret, header, body, 300, t + 300)).to.equal(true);
    expect(verifyWebhookSignature(secret, header, body, 300, t - 300)).to.equal(true);
    expect(verifyWebhookSignature(secret, header, body, 300, t + 301)).to.equal(false);
    expect(verifyWebhookSignature(secret, header, body, 300, t - 301)).to.equal(false);
  });

  it('refuses a changed body, a changed timestamp, a wrong secret', () => {
    expect(verifyWebhookSignature(secret, `t=${t},v1=${opensslHex}`, body.replace('completed', 'cancelled'), 300, t)).to.equal(false);
    expect(verifyWebhookSignature(secret, `t=${t + 1},v1=${opensslHex}`, body, 300, t)).to.equal(false);
    expect(verifyWebhookSignature('whsec_other', `t=${t},v1=${opensslHex}`, body, 300, t)).to.equal(false);
  });

  it('accepts any one matching v1 entry (secret rotation)', () => {
    const old = signWebhook('whsec_old', t, body);
    expect(verifyWebhookSignature(secret, `t=${t},v1=${old},v1=${opensslHex}`, body, 300, t)).to.equal(true);
    expect(verifyWebhookSignature('whsec_old', `t=${t},v1=${old},v1=${opensslHex}`, body, 300, t)).to.equal(true);
    expect(verifyWebhookSignature('whsec_third', `t=${t},v1=${old},v1=${opensslHex}`, body, 300, t)).to.equal(false);
  });

  it('refuses missing and malformed headers', () => {
    for (const header of [undefined, null, '', `v1=${opensslHex}`, `t=${t}`, `t=abc,v1=${opensslHex}`, `t=${t},v1=${opensslHex.slice(1)}`, `t=${t},v0=${opensslHex}`]) {
      expect(verifyWebhookSignature(secret, header, body, 300, t), String(header)).to.equal(false);
    }
  });

  it('refuses to sign or verify with an empty secret, naming it', () => {
    expect(() => signWebhook('', t, body)).to.throw(TypeError, /^secret: /);
    expect(() => verifyWebhookSignature('', `t=${t},v1=${opensslHex}`, body)).to.throw(TypeError, /^secret: /);
  });
});
