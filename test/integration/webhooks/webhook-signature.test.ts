import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import {
  decodeWhsecSecret,
  signStandardWebhook,
  standardWebhookHeaders,
  standardWebhookKey,
  standardWebhookSecret,
  verifyStandardWebhook,
} from '../../../src/webhooks/standard-webhooks.js';
import {
  signWebhook,
  verifyWebhookSignature,
  webhookSignatureHeader,
} from '../../../src/webhooks/webhook-signature.js';

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
    expect(
      verifyWebhookSignature(secret, `t=${t},v1=${opensslHex}`, body.replace('completed', 'cancelled'), 300, t),
    ).to.equal(false);
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
    for (const header of [
      undefined,
      null,
      '',
      `v1=${opensslHex}`,
      `t=${t}`,
      `t=abc,v1=${opensslHex}`,
      `t=${t},v1=${opensslHex.slice(1)}`,
      `t=${t},v0=${opensslHex}`,
    ]) {
      expect(verifyWebhookSignature(secret, header, body, 300, t), String(header)).to.equal(false);
    }
  });

  it('refuses to sign or verify with an empty secret, naming it', () => {
    expect(() => signWebhook('', t, body)).to.throw(TypeError, /^secret: /);
    expect(() => verifyWebhookSignature('', `t=${t},v1=${opensslHex}`, body)).to.throw(TypeError, /^secret: /);
  });
});

describe('Standard Webhooks signatures (webhook-id, webhook-timestamp, webhook-signature)', () => {
  // The spec's reference vector (standard-webhooks libraries' tests), checked with:
  // printf '%s' "$id.$t.$body" | openssl dgst -sha256 -mac HMAC -macopt hexkey:<base64-decoded key as hex> -binary | base64
  const whsec = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const t = 1614265330;
  const body = '{"test": 2432232314}';
  const vector = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

  it('a whsec_ secret: the key is its base64-decoded bytes, matching the reference vector and the standardwebhooks package', () => {
    expect(signStandardWebhook(whsec, id, t, body)).to.equal(vector);
    expect(new Webhook(whsec).sign(id, new Date(t * 1000), body)).to.equal(vector);
    expect(standardWebhookSecret(whsec)).to.equal(whsec);
    expect(standardWebhookKey(whsec)).to.deep.equal(Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64'));
  });

  it('an existing (non-whsec) secret: the key is its bytes, and receivers use whsec_ + base64(secret)', () => {
    const legacy = 'whsec_test_5f2b'; // not base64 after the prefix: a pre-Standard-Webhooks secret, used as written
    const msgId = 'whd_0123456789abcdef0123456789abcdef';
    const legacyBody = '{"id":"whd_0123456789abcdef0123456789abcdef","type":"upgrade.completed"}';
    // From: printf '%s' "$id.$t.$body" | openssl dgst -sha256 -hmac whsec_test_5f2b -binary | base64
    expect(signStandardWebhook(legacy, msgId, 1767225600, legacyBody)).to.equal(
      'v1,3E/yiEfPMONgeOKs73KogBlAJjH2QvuaOEHEqXPnlc4=',
    );
    expect(standardWebhookSecret(legacy)).to.equal(`whsec_${Buffer.from(legacy).toString('base64')}`);
    const hex = 'a'.repeat(64); // what `openssl rand -hex 32` gives, the secret docs recommended before
    const headers = standardWebhookHeaders(hex, msgId, Math.floor(Date.now() / 1000), legacyBody);
    expect(new Webhook(standardWebhookSecret(hex)).verify(legacyBody, headers)).to.deep.equal(JSON.parse(legacyBody));
  });

  it('whsec_ secrets outside the spec (not strict base64, under 24 or over 64 bytes) are read as plain secrets', () => {
    expect(decodeWhsecSecret(whsec)).to.have.length(24);
    expect(decodeWhsecSecret(`whsec_${Buffer.alloc(64, 1).toString('base64')}`)).to.have.length(64);
    for (const s of [
      'whsec_',
      `whsec_${Buffer.alloc(23, 1).toString('base64')}`,
      `whsec_${Buffer.alloc(65, 1).toString('base64')}`,
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS',
      'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    ]) {
      expect(decodeWhsecSecret(s), s).to.equal(null);
    }
  });

  it('verifyStandardWebhook: accepts the vector within tolerance and any one of several signatures; refuses tampering', () => {
    const headers = { 'Webhook-Id': id, 'Webhook-Timestamp': String(t), 'Webhook-Signature': vector };
    expect(verifyStandardWebhook(whsec, headers, body, 300, t + 300)).to.equal(true);
    expect(verifyStandardWebhook(whsec, headers, body, 300, t + 301)).to.equal(false);
    expect(
      verifyStandardWebhook(whsec, { ...headers, 'Webhook-Signature': `v1,bm9wZQ== ${vector}` }, body, 300, t),
    ).to.equal(true);
    expect(verifyStandardWebhook(whsec, headers, body.replace('2', '3'), 300, t)).to.equal(false);
    expect(verifyStandardWebhook(whsec, { ...headers, 'Webhook-Id': 'msg_other' }, body, 300, t)).to.equal(false);
    expect(
      verifyStandardWebhook(whsec, { ...headers, 'Webhook-Signature': vector.replace('v1,', 'v2,') }, body, 300, t),
    ).to.equal(false);
    expect(verifyStandardWebhook('whsec_' + Buffer.alloc(24, 7).toString('base64'), headers, body, 300, t)).to.equal(
      false,
    );
    expect(verifyStandardWebhook(whsec, { 'Webhook-Id': id, 'Webhook-Signature': vector }, body, 300, t)).to.equal(
      false,
    );
  });

  it('refuses an empty secret and a message id with a dot, naming them', () => {
    expect(() => signStandardWebhook('', id, t, body)).to.throw(TypeError, /^secret: /);
    expect(() => signStandardWebhook(whsec, 'a.b', t, body)).to.throw(TypeError, /^msgId: /);
  });
});
