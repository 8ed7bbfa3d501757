import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, MoneyColumn } from '../columns.js';

/**
 * One movement of a client's account credit. The balance is the sum of `amount`. `reference` is unique,
 * so the same credit (e.g. `downgrade-credit-<upgradeId>`, `overpayment-<paymentId>`) cannot be written twice.
 */
@Entity('credit_ledger')
export class CreditLedgerEntry {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Index() @Column('int', { unsigned: true }) clientId!: number;
  /** Positive adds credit, negative spends it. */
  @MoneyColumn() amount!: bigint;
  @Column('char', { length: 3 }) currency!: string;
  @Index({ unique: true }) @Column('varchar', { length: 191 }) reference!: string;
  @Column('varchar', { length: 255 }) description!: string;
  @CreatedAtColumn() createdAt!: Date;
}
