import { createHash, timingSafeEqual } from 'node:crypto';
import { parseApiTokenEntry, type ApiRole } from '../../config/api-tokens.js';

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Who a verified token belongs to. */
export interface ApiCaller {
  /** First 16 hex characters of the token's SHA-256: safe to store and log. */
  tokenId: string;
  role: ApiRole;
}

/**
 * Checks `Authorization: Bearer <token>` against the configured API tokens in constant time: both sides are
 * hashed to 32-byte SHA-256 digests (so their lengths always match) and every configured token is compared,
 * with no early exit on a match. Entries are `API_TOKENS` values: `role:token` or a bare (staff) token.
 */
export class BearerTokenVerifier {
  private readonly entries: Array<{ digest: Buffer; role: ApiRole }>;

  constructor(entries: readonly string[]) {
    this.entries = entries.map((entry) => {
      const { role, token } = parseApiTokenEntry(entry);
      return { digest: sha256(token), role };
    });
  }

  /** The caller, or null when the header is missing, malformed or carries an unknown token. */
  verify(authorization: string | undefined): ApiCaller | null {
    const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
    const presented = sha256(match?.[1] ?? '');
    let found: { digest: Buffer; role: ApiRole } | null = null;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, presented) && match) found = entry;
    }
    return found ? { tokenId: found.digest.toString('hex').slice(0, 16), role: found.role } : null;
  }
}
