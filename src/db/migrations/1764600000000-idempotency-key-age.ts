import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #15: idempotency keys are purged after `IDEMPOTENCY_RETENTION_HOURS`. The purge deletes by age in small
 * batches; this index lets each batch find its rows by `createdAt` and lock only them, instead of scanning (and
 * locking) the whole table while front-ends insert new keys.
 */
export class IdempotencyKeyAge1764600000000 implements MigrationInterface {
  name = 'IdempotencyKeyAge1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX \`IDX_idempotency_keys_createdAt\` ON \`idempotency_keys\` (\`createdAt\`)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_idempotency_keys_createdAt\` ON \`idempotency_keys\``);
  }
}
