import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateColumn, InstantColumn, MoneyColumn } from '../columns.js';

export type InvoiceStatus = 'unpaid' | 'paid' | 'cancelled';

@Entity('invoices')
@Index(['serviceId', 'type', 'status'])
@Index('IDX_invoices_status', ['status'])
@Index('IDX_invoices_clientId_status', ['clientId', 'status'])
export class Invoice {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Index() @Column('int', { unsigned: true }) clientId!: number;
  @Column('int', { unsigned: true, nullable: true }) serviceId!: number | null;
  /** Set for upgrade invoices; unique so an order is invoiced at most once. */
  @Index({ unique: true }) @Column('int', { unsigned: true, nullable: true }) upgradeId!: number | null;
  @Column('varchar', { length: 10 }) type!: 'upgrade' | 'renewal';
  @Column('varchar', { length: 10, default: 'unpaid' }) status!: InvoiceStatus;
  @Column('char', { length: 3 }) currency!: string;
  @MoneyColumn() subtotal!: bigint;
  @MoneyColumn() discount!: bigint;
  @MoneyColumn() tax!: bigint;
  @MoneyColumn() total!: bigint;
  @MoneyColumn() amountPaid!: bigint;
  @DateColumn() dueDate!: string;
  @InstantColumn({ nullable: true }) paidAt!: Date | null;
  @CreatedAtColumn() createdAt!: Date;
}
