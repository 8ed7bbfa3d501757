import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../columns.js';

/** One email, claimed under a unique key before it is sent (e.g. `upgrade-<id>-completed`). */
@Entity('email_log')
export class EmailLog {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Index({ unique: true }) @Column('varchar', { length: 191 }) key!: string;
  @Column('varchar', { length: 255 }) recipient!: string;
  @Column('varchar', { length: 100 }) template!: string;
  @Index() @Column('int', { unsigned: true, nullable: true }) upgradeId!: number | null;
  @Column('varchar', { length: 10 }) status!: 'sending' | 'sent' | 'failed';
  @Column('varchar', { length: 255, nullable: true }) messageId!: string | null;
  @Column('text', { nullable: true }) error!: string | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
