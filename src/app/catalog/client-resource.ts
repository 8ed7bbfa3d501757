import type { Client, TaxRate } from '../../db/entities/client.entity.js';
import { toMoneyString } from './catalog-money.js';

/** A client as the API shows it, with its account credit. */
export interface ClientResource {
  id: number;
  email: string;
  name: string;
  currency: string;
  taxRates: TaxRate[];
  taxCompound: boolean;
  taxInclusive: boolean;
  taxExempt: boolean;
  /** Sum of the credit ledger, as a money string in the client's currency. */
  creditBalance: string;
}

export function toClientResource(c: Client, balance: bigint): ClientResource {
  return {
    id: c.id,
    email: c.email,
    name: c.name,
    currency: c.currency,
    taxRates: c.taxRates,
    taxCompound: c.taxCompound,
    taxInclusive: c.taxInclusive,
    taxExempt: c.taxExempt,
    creditBalance: toMoneyString(balance, c.currency),
  };
}
