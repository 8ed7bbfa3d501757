import { IsNull, type DataSource } from 'typeorm';
import { ConflictError } from '../../app/errors.js';
import { isDuplicateKeyError } from '../../db/duplicate-key.js';
import { IdempotencyKey } from '../../db/entities/index.js';

/** Options of {@link IdempotencyStore}. */
export interface IdempotencyStoreOptions {
  /**
   * A claim still without a response after this many seconds is taken to be from a process that died, and the
   * next request with the same key and body may take it over. @defaultValue 120
   */
  staleAfterSeconds?: number;
}

/** What to do with a request that carries an `Idempotency-Key`. */
export type IdempotencyClaim = { kind: 'claimed'; id: number } | { kind: 'replay'; status: number; body: unknown };

/**
 * The `idempotency_keys` table. A request first claims its (scope, key) with an INSERT, which the unique
 * index makes atomic across every API process; it then stores its response on the claimed row.
 */
export class IdempotencyStore {
  private readonly staleAfterSeconds: number;

  constructor(
    private readonly ds: DataSource,
    opts: IdempotencyStoreOptions = {},
  ) {
    this.staleAfterSeconds = opts.staleAfterSeconds ?? 120;
  }

  /**
   * Claims the key for this request, or says which stored response to replay. Throws 409
   * `idempotency_key_reused` for the same key with another request, and 409 `idempotency_key_in_progress`
   * while the first request with this key is still running.
   */
  async claim(scope: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const repo = this.ds.getRepository(IdempotencyKey);
    // Two rounds: a row found missing after a failed INSERT was released by a 5xx in between; claim again.
    for (let round = 0; round < 2; round++) {
      try {
        const inserted = await repo.insert({ scope, key, requestHash, responseStatus: null });
        return { kind: 'claimed', id: Number(inserted.identifiers[0].id) };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      const row = await repo.findOneBy({ scope, key });
      if (!row) continue;
      if (row.requestHash !== requestHash) {
        throw new ConflictError(
          'idempotency_key_reused',
          'This Idempotency-Key was already used with a different request',
        );
      }
      if (row.responseStatus !== null) return { kind: 'replay', status: row.responseStatus, body: row.responseBody };
      if (await this.takeOverStale(row.id)) return { kind: 'claimed', id: row.id };
      throw new ConflictError(
        'idempotency_key_in_progress',
        'A request with this Idempotency-Key is still being processed; retry later',
      );
    }
    throw new ConflictError(
      'idempotency_key_in_progress',
      'A request with this Idempotency-Key is still being processed; retry later',
    );
  }

  /**
   * Stores the response of a claimed request (only responses below 500 are stored; see {@link release}).
   * `body` is the serialized response text, kept as a JSON string so no database reorders its keys.
   */
  async complete(id: number, status: number, body: string): Promise<void> {
    await this.ds.getRepository(IdempotencyKey).update({ id }, { responseStatus: status, responseBody: body });
  }

  /** Frees a claim whose request failed with a 5xx, so the client may retry with the same key. */
  async release(id: number): Promise<void> {
    await this.ds.getRepository(IdempotencyKey).delete({ id, responseStatus: IsNull() });
  }

  /** Database time decides staleness, so API processes with skewed clocks agree. */
  private async takeOverStale(id: number): Promise<boolean> {
    const result = await this.ds.query<{ affectedRows?: number }>(
      'UPDATE idempotency_keys SET createdAt = CURRENT_TIMESTAMP(3) WHERE id = ? AND responseStatus IS NULL AND createdAt < CURRENT_TIMESTAMP(3) - INTERVAL ? SECOND',
      [id, this.staleAfterSeconds],
    );
    return result.affectedRows === 1;
  }
}
