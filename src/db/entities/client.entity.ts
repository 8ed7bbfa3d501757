import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../columns.js';

/** One tax rate of a client's two-level tax (DESIGN §3 `tax.rates`); `rate` is an exact decimal percentage. */
export interface TaxRate {
  name: string;
  rate: string;
}

@Entity('clients')
export class Client {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Column('varchar', { length: 255 }) email!: string;
  @Column('varchar', { length: 255 }) name!: string;
  @Column('char', { length: 3 }) currency!: string;
  /** Up to two rates, applied in order (level 2 optionally compound). */
  @Column('json') taxRates!: TaxRate[];
  @Column('boolean', { default: false }) taxCompound!: boolean;
  @Column('boolean', { default: false }) taxInclusive!: boolean;
  @Column('boolean', { default: false }) taxExempt!: boolean;
  @CreatedAtColumn() createdAt!: Date;
}
