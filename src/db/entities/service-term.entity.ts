import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, MoneyColumn, UpdatedAtColumn } from '../columns.js';

/**
 * Money in and out of one billing term of a service (DESIGN §2 "a credit is never larger than what was paid for"):
 * what the client paid for the term and what was credited to the account against it. A term is named by the due
 * date it ends on; free and one-time services have one open-ended term, {@link OPEN_TERM_END}.
 */
@Entity('service_terms')
export class ServiceTerm {
  @PrimaryColumn('int', { unsigned: true }) serviceId!: number;
  @PrimaryColumn('date') termEnd!: string;
  @Column('char', { length: 3 }) currency!: string;
  /** The recurring amount as billed, plus upgrade invoices net of discounts (before tax), plus carried-over credit. */
  @MoneyColumn() paidFor!: bigint;
  /** Credits given against the term: to the account, or carried into the next term by an anchor reset. */
  @MoneyColumn() credited!: bigint;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}

/** The term end of a service without a next due date (free, one-time). */
export const OPEN_TERM_END = '9999-12-31';
