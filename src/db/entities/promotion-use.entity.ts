import { Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../columns.js';

/** One use of a promotion by one upgrade; the primary key makes counting a use idempotent. */
@Entity('promotion_uses')
export class PromotionUse {
  @PrimaryColumn('int', { unsigned: true }) promotionId!: number;
  @PrimaryColumn('int', { unsigned: true }) upgradeId!: number;
  @CreatedAtColumn() createdAt!: Date;
}
