import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateColumn, MoneyColumn, UpdatedAtColumn } from '../columns.js';

export type ServiceStatus = 'pending' | 'active' | 'suspended' | 'terminated' | 'cancelled';

@Entity('services')
@Index('IDX_services_status', ['status'])
export class Service {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Index() @Column('int', { unsigned: true }) clientId!: number;
  @Index() @Column('int', { unsigned: true }) productId!: number;
  @Column('int', { unsigned: true, nullable: true }) serverId!: number | null;
  @Column('varchar', { length: 255 }) domain!: string;
  @Column('varchar', { length: 64 }) username!: string;
  @Column('varchar', { length: 20 }) billingCycle!: string;
  /** Null for free and one-time services. */
  @DateColumn({ nullable: true }) nextDueDate!: string | null;
  /** Day of month the service bills on (month-end clamped); null for free and one-time services. */
  @Column('tinyint', { unsigned: true, nullable: true }) anchorDay!: number | null;
  @MoneyColumn() recurringAmount!: bigint;
  @Column('char', { length: 3 }) currency!: string;
  @Column('varchar', { length: 20, default: 'active' }) status!: ServiceStatus;
  /** A promotion that discounts every renewal (`lifetime`), carried into upgrade quotes. */
  @Column('int', { unsigned: true, nullable: true }) lifetimePromotionId!: number | null;
  /** The billing front-end reported an unpaid renewal invoice (PATCH `unpaidRenewal`): upgrades wait for it (409). */
  @Column('boolean', { default: false }) unpaidRenewal!: boolean;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
