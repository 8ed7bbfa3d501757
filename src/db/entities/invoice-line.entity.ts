import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MoneyColumn } from '../columns.js';

/** `item` lines carry a quote line's net (debit − credit); discount and tax lines follow them. */
export type InvoiceLineKind = 'item' | 'discount' | 'tax';

@Entity('invoice_lines')
export class InvoiceLine {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Index() @Column('int', { unsigned: true }) invoiceId!: number;
  @Column('varchar', { length: 10 }) kind!: InvoiceLineKind;
  @Column('varchar', { length: 500 }) description!: string;
  @MoneyColumn() amount!: bigint;
  @Column('int', { default: 0 }) sortOrder!: number;
}
