import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ConfigOptionType = 'dropdown' | 'radio' | 'yesno' | 'quantity';

/** A configurable option (shared by the products linked to it in `product_config_options`). */
@Entity('config_options')
export class ConfigOption {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Column('varchar', { length: 255 }) name!: string;
  @Column('varchar', { length: 10 }) type!: ConfigOptionType;
  @Column('int', { nullable: true }) minQty!: number | null;
  @Column('int', { nullable: true }) maxQty!: number | null;
  @Column('boolean', { default: true }) allowDowngrade!: boolean;
}
