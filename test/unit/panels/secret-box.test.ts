import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { PanelInputError } from '../../../src/panels/panel-errors.js';
import { SecretBox } from '../../../src/panels/secret-box.js';

describe('SecretBox (AES-256-GCM secrets at rest)', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('round-trips any string and never shows the plaintext in the blob', () => {
    const box = new SecretBox({ k1 }, 'k1');
    fc.assert(
      fc.property(fc.string({ minLength: 4, maxLength: 200 }), (plain) => {
        const blob = box.encrypt(plain);
        return box.decrypt(blob) === plain && !blob.includes(plain);
      }),
    );
  });

  it("writes 'v1:<keyId>:<iv>:<tag>:<ct>' with a fresh IV every time", () => {
    const box = new SecretBox({ k1 }, 'k1');
    const a = box.encrypt('whm-token');
    const b = box.encrypt('whm-token');
    expect(a).to.match(/^v1:k1:[A-Za-z0-9+/=]{16}:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]+$/);
    expect(a).not.to.equal(b);
  });

  it('detects tampering with the ciphertext, the tag and the key id', () => {
    const both = new SecretBox({ k1, k2 }, 'k1');
    const blob = both.encrypt('s3cret-password');
    const parts = blob.split(':');
    const ct = Buffer.from(parts[4], 'base64');
    ct[0] ^= 1;
    expect(() => both.decrypt([...parts.slice(0, 4), ct.toString('base64')].join(':'))).to.throw(
      PanelInputError,
      /authentication failed/,
    );
    expect(() =>
      both.decrypt([parts[0], parts[1], parts[2], Buffer.alloc(16).toString('base64'), parts[4]].join(':')),
    ).to.throw(PanelInputError);
    // Relabelling the blob with another configured key id fails too: the id is authenticated.
    expect(() => both.decrypt([parts[0], 'k2', ...parts.slice(2)].join(':'))).to.throw(
      PanelInputError,
      /authentication failed/,
    );
  });

  it('rotates: old blobs decrypt with their key, rotate() re-encrypts under the current one', () => {
    const old = new SecretBox({ k1 }, 'k1');
    const blob = old.encrypt('plesk-password');
    const rotated = new SecretBox({ k1, k2 }, 'k2');
    expect(rotated.needsRotation(blob)).to.equal(true);
    const fresh = rotated.rotate(blob);
    expect(fresh.split(':')[1]).to.equal('k2');
    expect(rotated.needsRotation(fresh)).to.equal(false);
    expect(new SecretBox({ k2 }, 'k2').decrypt(fresh)).to.equal('plesk-password');
    expect(() => new SecretBox({ k2 }, 'k2').decrypt(blob)).to.throw(
      PanelInputError,
      /key "k1", which is not configured/,
    );
  });

  it('builds from SECRETS_KEY-style hex with key ids derived from the keys', () => {
    const currentHex = k2.toString('hex');
    const box = SecretBox.fromHex(currentHex, [k1.toString('hex')]);
    expect(box.currentKeyId)
      .to.equal(SecretBox.keyIdOf(k2))
      .and.match(/^k[0-9a-f]{8}$/);
    const oldBlob = new SecretBox({ [SecretBox.keyIdOf(k1)]: k1 }, SecretBox.keyIdOf(k1)).encrypt('da-login-key');
    expect(box.decrypt(oldBlob)).to.equal('da-login-key');
  });

  it('rejects bad keys with errors that name the field and never echo the key', () => {
    const badHex = 'zz'.repeat(32);
    expect(() => SecretBox.fromHex(badHex)).to.throw(
      PanelInputError,
      /^SECRETS_KEY: must be 32 bytes written as 64 hex characters$/,
    );
    expect(() => new SecretBox({ k1: randomBytes(16) }, 'k1')).to.throw(PanelInputError, /key "k1": must be 32 bytes/);
    expect(() => new SecretBox({ k1 }, 'k9')).to.throw(PanelInputError, /currentKeyId/);
    expect(() => new SecretBox({ 'bad:id': k1 }, 'bad:id')).to.throw(PanelInputError, /key id/);
    expect(() => new SecretBox({ k1 }, 'k1').decrypt('plaintext-secret'))
      .to.throw(PanelInputError)
      .with.property('message')
      .that.does.not.include('plaintext-secret');
  });
});
