import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../columns.js';

/** One HTTP call to a control panel, with secrets already redacted from request and response. */
@Entity('panel_calls')
export class PanelCall {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Index() @Column('int', { unsigned: true }) serverId!: number;
  @Index() @Column('int', { unsigned: true, nullable: true }) upgradeId!: number | null;
  @Column('int', { unsigned: true, nullable: true }) serviceId!: number | null;
  @Column('varchar', { length: 50 }) action!: string;
  @Column('text') request!: string;
  @Column('mediumtext', { nullable: true }) response!: string | null;
  @Column('smallint', { unsigned: true, nullable: true }) httpStatus!: number | null;
  @Column('int', { unsigned: true }) durationMs!: number;
  @Column('varchar', { length: 10 }) outcome!: 'ok' | 'error' | 'unknown';
  @Column('text', { nullable: true }) error!: string | null;
  @CreatedAtColumn() createdAt!: Date;
}
