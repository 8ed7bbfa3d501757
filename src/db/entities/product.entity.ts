import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../columns.js';
import type { PanelType } from './panel-server.entity.js';

@Entity('products')
export class Product {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Column('varchar', { length: 255 }) name!: string;
  /** The control panel that provisions it, or null for products without a panel module. */
  @Column('varchar', { length: 20, nullable: true }) module!: PanelType | null;
  @Column('int', { unsigned: true, nullable: true }) serverId!: number | null;
  @Column('varchar', { length: 255, nullable: true }) panelPackage!: string | null;
  /** Product ids a client may move to (staff may pick any). */
  @Column('json') upgradeTargets!: number[];
  @Column('boolean', { default: false }) allowOptionUpgrades!: boolean;
  @Column('varchar', { length: 100, default: 'upgrade-completed' }) upgradeEmailTemplate!: string;
  @Column('boolean', { default: true }) taxable!: boolean;
  @CreatedAtColumn() createdAt!: Date;
}
