import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../columns.js';

/** One event for one endpoint; `deliveryKey` (event + subject + endpoint) is unique, so it is delivered once. */
@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Index({ unique: true }) @Column('varchar', { length: 191 }) deliveryKey!: string;
  /** The upgrade the event is about. */
  @Index() @Column('int', { unsigned: true, nullable: true }) upgradeId!: number | null;
  @Column('varchar', { length: 500 }) url!: string;
  @Column('varchar', { length: 64 }) event!: string;
  @Column('json') payload!: object;
  @Column('varchar', { length: 10 }) status!: 'pending' | 'delivered' | 'failed';
  @Column('int', { unsigned: true, default: 0 }) attempts!: number;
  @Column('smallint', { unsigned: true, nullable: true }) lastHttpStatus!: number | null;
  @Column('text', { nullable: true }) lastError!: string | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
