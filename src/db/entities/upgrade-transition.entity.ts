import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { UpgradeStatus } from '../../domain/upgrade-status.js';
import { InstantColumn } from '../columns.js';

/** One step of an upgrade's history, written in the same transaction as the status change. */
@Entity('upgrade_transitions')
export class UpgradeTransition {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Index() @Column('int', { unsigned: true }) upgradeId!: number;
  @Column('varchar', { length: 24, nullable: true }) fromStatus!: UpgradeStatus | null;
  @Column('varchar', { length: 24 }) toStatus!: UpgradeStatus;
  /** Who or what moved it: `client`, `staff:<name>`, `worker:<queue>`, `scheduler`. */
  @Column('varchar', { length: 100 }) actor!: string;
  @Column('text', { nullable: true }) note!: string | null;
  @InstantColumn() at!: Date;
}
