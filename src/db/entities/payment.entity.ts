import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, InstantColumn, MoneyColumn } from '../columns.js';

/** A payment against an invoice; unique by gateway and transaction id, so a replayed webhook records nothing. */
@Entity('payments')
@Index(['gateway', 'transactionId'], { unique: true })
export class Payment {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Index() @Column('int', { unsigned: true }) invoiceId!: number;
  @Column('varchar', { length: 50 }) gateway!: string;
  @Column('varchar', { length: 128 }) transactionId!: string;
  @MoneyColumn() amount!: bigint;
  @Column('char', { length: 3 }) currency!: string;
  @InstantColumn() paidAt!: Date;
  @CreatedAtColumn() createdAt!: Date;
}
