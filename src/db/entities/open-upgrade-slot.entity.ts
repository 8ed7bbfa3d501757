import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../columns.js';

/**
 * A service's single "open upgrade" slot. A row exists while the service has an upgrade in an open state
 * (queued, invoiced, paid, scheduled); its primary key lets the database itself refuse a second open order,
 * however many requests race. Written and removed in the same transaction as the upgrade's status change.
 */
@Entity('open_upgrade_slots')
export class OpenUpgradeSlot {
  @PrimaryColumn('int', { unsigned: true }) serviceId!: number;
  @Index({ unique: true }) @Column('int', { unsigned: true }) upgradeId!: number;
  @CreatedAtColumn() createdAt!: Date;
}
