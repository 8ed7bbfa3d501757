import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BillingCycle } from '../../domain/calendar/billing-cycle.js';
import type { Quote } from '../../domain/quote/quote-output.js';
import type { UpgradeStatus } from '../../domain/upgrade-status.js';
import { CreatedAtColumn, DateColumn, InstantColumn, MoneyColumn, UpdatedAtColumn } from '../columns.js';

/** What was asked for; the same fields as the API body (DESIGN §4). */
export interface UpgradeRequest {
  productId?: number;
  billingCycle?: Exclude<BillingCycle, 'free'>;
  options?: Array<{ optionId: number; choiceId?: number; qty?: number }>;
  promoCode?: string;
}

/**
 * The quote an order was priced with: the DESIGN §3 output, plus the account credit it would give after the term cap
 * (src/domain/credit-cap.ts) as it stood when the order was priced.
 */
export type PricedQuote = Quote & { creditToAccountCapped: string };

/** Outcome of the last ChangePackage attempt, for ops. */
export interface ProvisioningResult {
  ok: boolean;
  previousPackage?: string;
  newPackage?: string;
  changed?: boolean;
  error?: string;
  /** Attempts made so far. */
  attempts?: number;
  at: string;
}

@Entity('upgrades')
@Index(['status', 'statusChangedAt'])
@Index('IDX_upgrades_status_createdAt', ['status', 'createdAt'])
@Index('IDX_upgrades_createdAt', ['createdAt'])
@Index('IDX_upgrades_clientId_createdAt', ['clientId', 'createdAt'])
@Index('IDX_upgrades_serviceId_createdAt', ['serviceId', 'createdAt'])
export class Upgrade {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Column('int', { unsigned: true }) serviceId!: number;
  @Column('int', { unsigned: true }) clientId!: number;
  @Column('varchar', { length: 24 }) status!: UpgradeStatus;
  /** The service's product and cycle when the order was placed (the "old" side of emails and history). */
  @Column('int', { unsigned: true }) fromProductId!: number;
  @Column('varchar', { length: 20 }) fromBillingCycle!: string;
  @Column('varchar', { length: 10 }) actor!: 'client' | 'staff';
  /** Why it was rejected or cancelled. */
  @Column('text', { nullable: true }) reason!: string | null;
  /** The date the quote is priced at; the order is re-quoted at this date so the invoice equals the preview. */
  @DateColumn() asOf!: string;
  @Column('json') request!: UpgradeRequest;
  /** The quote snapshot (DESIGN §3 output) the customer agreed to; null until processed. */
  @Column('json', { nullable: true }) quote!: PricedQuote | null;
  @Column('int', { unsigned: true, nullable: true }) invoiceId!: number | null;
  @Column('int', { unsigned: true, nullable: true }) promotionId!: number | null;
  /** When an end-of-term downgrade takes effect. */
  @DateColumn({ nullable: true }) effectiveDate!: string | null;
  @Column('char', { length: 3 }) currency!: string;
  @MoneyColumn() total!: bigint;
  /**
   * What the change put on the client's account: the quote's `creditToAccount`, capped by what the term was paid
   * (src/domain/credit-cap.ts). Null until the change is applied.
   */
  @MoneyColumn({ nullable: true, default: null }) accountCredit!: bigint | null;
  @Column('json', { nullable: true }) provisioningResult!: ProvisioningResult | null;
  @InstantColumn() statusChangedAt!: Date;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
