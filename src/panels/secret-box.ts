import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { PanelInputError } from './panel-errors.js';

const version = 'v1';
const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Encrypts panel secrets at rest with AES-256-GCM. A blob reads `v1:<keyId>:<iv b64>:<tag b64>:<ct b64>`;
 * `v1:<keyId>` is authenticated too (GCM additional data), so a blob cannot be relabelled to another key.
 * Rotation: construct with the new key as current and the old ones beside it; `decrypt` picks the blob's key,
 * `rotate` re-encrypts under the current one. Error messages never contain plaintext or key material.
 */
export class SecretBox {
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(
    keys: Record<string, Buffer>,
    /** Id of the key new blobs are encrypted with. */
    readonly currentKeyId: string,
  ) {
    const checked = new Map<string, Buffer>();
    for (const [id, key] of Object.entries(keys)) {
      if (!keyIdPattern.test(id))
        throw new PanelInputError(`SecretBox key id "${id}": must be 1–32 of A–Z a–z 0–9 _ -`);
      if (!Buffer.isBuffer(key) || key.length !== 32)
        throw new PanelInputError(`SecretBox key "${id}": must be 32 bytes`);
      checked.set(id, Buffer.from(key));
    }
    if (!checked.has(currentKeyId)) throw new PanelInputError(`SecretBox currentKeyId: no key "${currentKeyId}"`);
    this.keys = checked;
  }

  /**
   * Builds a box from hex keys as `SECRETS_KEY` holds them (64 hex characters each); each key's id is derived
   * from the key (`keyIdOf`), so no id needs configuring. `previousHex` are older keys still able to decrypt.
   */
  static fromHex(currentHex: string, previousHex: readonly string[] = [], field = 'SECRETS_KEY'): SecretBox {
    const decode = (hex: string, name: string): Buffer => {
      if (!/^[0-9a-fA-F]{64}$/.test(hex))
        throw new PanelInputError(`${name}: must be 32 bytes written as 64 hex characters`);
      return Buffer.from(hex, 'hex');
    };
    const current = decode(currentHex, field);
    const keys: Record<string, Buffer> = { [SecretBox.keyIdOf(current)]: current };
    previousHex.forEach((hex, i) => {
      const key = decode(hex, `${field} (previous key ${i + 1})`);
      keys[SecretBox.keyIdOf(key)] = key;
    });
    return new SecretBox(keys, SecretBox.keyIdOf(current));
  }

  /** A short id derived from a key: `k` + the first 8 hex digits of SHA-256("upshift-secret-box:" + key). */
  static keyIdOf(key: Buffer): string {
    return `k${createHash('sha256').update('upshift-secret-box:').update(key).digest('hex').slice(0, 8)}`;
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const header = `${version}:${this.currentKeyId}`;
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(header));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${header}:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ct.toString('base64')}`;
  }

  /** @throws PanelInputError when the blob is malformed, names an unknown key, or fails authentication. */
  decrypt(blob: string): string {
    const parts = blob.split(':');
    if (parts.length !== 5 || parts[0] !== version)
      throw new PanelInputError('encrypted secret: not a v1 SecretBox blob');
    const [, keyId, ivB64, tagB64, ctB64] = parts as [string, string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) throw new PanelInputError(`encrypted secret: encrypted with key "${keyId}", which is not configured`);
    const iv = Buffer.from(ivB64, 'base64');
    const tag = Buffer.from(tagB64, 'base64');
    if (iv.length !== 12 || tag.length !== 16) throw new PanelInputError('encrypted secret: bad IV or tag length');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(`${version}:${keyId}`));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(ctB64, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new PanelInputError(`encrypted secret: authentication failed (wrong key "${keyId}" or tampered data)`);
    }
  }

  /** Whether `blob` is under an older key and should be re-encrypted. */
  needsRotation(blob: string): boolean {
    return blob.split(':')[1] !== this.currentKeyId;
  }

  /** Re-encrypts `blob` under the current key (a fresh IV even when the key is already current). */
  rotate(blob: string): string {
    return this.encrypt(this.decrypt(blob));
  }
}
