import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MoneyColumn } from '../columns.js';

/** What a price belongs to: a product, a quantity/yesno option (per unit), or a dropdown/radio choice. */
export type PriceOwner = 'product' | 'option' | 'choice';

/** One price per owner, currency and billing cycle, in minor units. */
@Entity('prices')
@Index(['ownerType', 'ownerId', 'currency', 'billingCycle'], { unique: true })
export class Price {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Column('varchar', { length: 10 }) ownerType!: PriceOwner;
  @Column('int', { unsigned: true }) ownerId!: number;
  @Column('char', { length: 3 }) currency!: string;
  @Column('varchar', { length: 20 }) billingCycle!: string;
  @MoneyColumn() amount!: bigint;
}
