import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../columns.js';

/** Who retried, replayed or cleaned which job, and when (ops actions from the CLI or the dashboard). */
@Entity('job_audit')
export class JobAudit {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Column('varchar', { length: 100 }) who!: string;
  @Column('varchar', { length: 20 }) action!: string;
  @Index() @Column('varchar', { length: 50 }) queue!: string;
  @Column('varchar', { length: 191 }) jobId!: string;
  @Column('text', { nullable: true }) detail!: string | null;
  @CreatedAtColumn() at!: Date;
}
