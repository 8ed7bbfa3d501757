import type { PricedCycle } from '../../domain/calendar/billing-cycle.js';
import type { OptionSelection } from '../catalog/load-service-view.js';

/** Who an order is for: the client (limited to the product's upgrade list) or staff (any product). */
export type Actor = 'client' | 'staff';

/** What to change (DESIGN §4 quote and order bodies; validated by src/api/schemas/upgrade-body.ts). */
export interface QuoteRequest {
  /** @defaultValue the current product */
  productId?: number;
  /** Any cycle but `free`. @defaultValue the current cycle */
  billingCycle?: PricedCycle;
  /** Changed selections; the others keep their value. */
  options?: OptionSelection[];
  promoCode?: string;
  /** The billing date, within the caller's window. @defaultValue today in BILLING_TZ */
  asOf?: string;
}

/** An order (or a quote with its actor): the change plus who asks. */
export interface PlaceUpgradeRequest extends QuoteRequest {
  actor: Actor;
}
