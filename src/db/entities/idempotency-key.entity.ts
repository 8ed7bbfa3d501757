import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../columns.js';

/**
 * A stored response for an `Idempotency-Key`. Unique per (scope, key); scope is the caller's token hash with
 * the method and route, so two front-ends cannot collide. `requestHash` detects a reused key with another body.
 */
@Entity('idempotency_keys')
@Index(['scope', 'key'], { unique: true })
@Index('IDX_idempotency_keys_createdAt', ['createdAt']) // the age purge (purge-idempotency-keys.ts)
export class IdempotencyKey {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Column('varchar', { length: 120 }) scope!: string;
  @Column('varchar', { length: 128 }) key!: string;
  @Column('char', { length: 64 }) requestHash!: string;
  /** Null while the first request is still being handled. */
  @Column('smallint', { unsigned: true, nullable: true }) responseStatus!: number | null;
  @Column('json', { nullable: true }) responseBody!: unknown;
  @CreatedAtColumn() createdAt!: Date;
}
