import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateColumn, MoneyColumn } from '../columns.js';

@Entity('promotions')
export class Promotion {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Index({ unique: true }) @Column('varchar', { length: 64 }) code!: string;
  @Column('varchar', { length: 10 }) type!: 'percent' | 'fixed';
  /** Exact decimal percentage for `percent` promotions ("10", "12.5"). */
  @Column('varchar', { length: 12, nullable: true }) percent!: string | null;
  /** Amount off in minor units of `currency` for `fixed` promotions. */
  @MoneyColumn({ nullable: true, default: null }) amount!: bigint | null;
  @Column('char', { length: 3, nullable: true }) currency!: string | null;
  @Column('boolean', { default: true }) appliesToUpgrades!: boolean;
  @Column('boolean', { default: false }) lifetime!: boolean;
  /** Products it applies to; empty means all. */
  @Column('json') productIds!: number[];
  @DateColumn({ nullable: true }) expiresAt!: string | null;
  @Column('int', { unsigned: true, nullable: true }) maxUses!: number | null;
  @Column('int', { unsigned: true, default: 0 }) uses!: number;
  @CreatedAtColumn() createdAt!: Date;
}
