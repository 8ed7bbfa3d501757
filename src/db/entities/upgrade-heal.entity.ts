import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, InstantColumn } from '../columns.js';

/**
 * One re-drive of a stuck upgrade by the scheduler's healing sweep (DESIGN §2 "money steps heal whatever Redis
 * remembers"). `(upgradeId, round)` is unique: `round` is the upgrade's heal counter, and a sweep claims the next
 * round by inserting it, so two sweeps racing in two processes add one heal job, not two. The heal job's id is
 * `<jobId>-heal-<round>`; the rows are also the history ops read (which state, since when, which job it replaced).
 */
@Entity('upgrade_heals')
@Index('UQ_upgrade_heals_upgrade_round', ['upgradeId', 'round'], { unique: true })
export class UpgradeHeal {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Column('int', { unsigned: true }) upgradeId!: number;
  /** 1, 2, …: this upgrade's heal counter. */
  @Column('int', { unsigned: true }) round!: number;
  /** The state the upgrade was stuck in (`invoiced` means: with its invoice paid). */
  @Column('varchar', { length: 24 }) state!: string;
  @Column('varchar', { length: 50 }) queue!: string;
  /** The deterministic id of the job that should have moved it (`paid-<invoiceId>`, `provision-<id>`, …). */
  @Column('varchar', { length: 191 }) jobId!: string;
  /** What BullMQ held for it when the sweep looked: `failed`, `completed` or `missing` (of the latest job: original or heal). */
  @Column('varchar', { length: 20 }) jobState!: string;
  /** The new job: `<jobId>-heal-<round>`. */
  @Column('varchar', { length: 191 }) healJobId!: string;
  /** Since when the upgrade sat in `state` (the invoice's payment time for a paid invoice on an `invoiced` upgrade). */
  @InstantColumn() stuckSince!: Date;
  @CreatedAtColumn() at!: Date;
}
