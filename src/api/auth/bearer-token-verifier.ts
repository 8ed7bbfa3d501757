import { createHash, timingSafeEqual } from 'node:crypto';

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Checks `Authorization: Bearer <token>` against the configured API tokens in constant time: both sides are
 * hashed to 32-byte SHA-256 digests (so their lengths always match) and every configured token is compared,
 * with no early exit on a match.
 */
export class BearerTokenVerifier {
  private readonly digests: Buffer[];

  constructor(tokens: readonly string[]) {
    this.digests = tokens.map(sha256);
  }

  /**
   * The caller's token id (first 16 hex characters of the token's SHA-256, safe to store and log), or null
   * when the header is missing, malformed or carries an unknown token.
   */
  verify(authorization: string | undefined): string | null {
    const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
    const presented = sha256(match?.[1] ?? '');
    let found: Buffer | null = null;
    for (const digest of this.digests) {
      if (timingSafeEqual(digest, presented) && match) found = digest;
    }
    return found ? found.toString('hex').slice(0, 16) : null;
  }
}
