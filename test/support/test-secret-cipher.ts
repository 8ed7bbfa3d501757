import type { SecretCipher } from '../../src/app/app-context.js';

/**
 * A reversible stand-in for the AES-GCM secret box in tests that only need to see that a secret was passed
 * through the cipher (and never stored or returned in plain text).
 */
export const testSecretCipher: SecretCipher = {
  encrypt: (plain) => 'enc:' + Buffer.from(plain, 'utf8').toString('base64'),
  decrypt: (blob) => {
    if (!blob.startsWith('enc:')) throw new Error('not a test-cipher blob');
    return Buffer.from(blob.slice(4), 'base64').toString('utf8');
  },
};
