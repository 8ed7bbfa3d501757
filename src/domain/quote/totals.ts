import { percentOf } from '../percent.js';
import { type Rational, roundDiv, roundRational, subtractRational } from '../rational.js';
import type { ParsedInput, ParsedTax } from './parsed-input.js';

export interface TaxAmount {
  name: string;
  rateText: string;
  amount: bigint;
}

/** The money of a quote, in minor units. */
export interface Totals {
  credit: bigint;
  debit: bigint;
  subtotal: bigint;
  discount: bigint;
  taxes: TaxAmount[];
  total: bigint;
  creditToAccount: bigint;
}

export const ZERO_TOTALS: Totals = {
  credit: 0n,
  debit: 0n,
  subtotal: 0n,
  discount: 0n,
  taxes: [],
  total: 0n,
  creditToAccount: 0n,
};

/**
 * Exclusive tax adds level 1 on the base and level 2 on the base (or on base + level 1 when compound);
 * inclusive tax (one rate) is the share `rate / (100 + rate)` already inside the base.
 */
function applyTax(base: bigint, tax: ParsedTax): { taxes: TaxAmount[]; total: bigint } {
  const [first, second] = tax.rates;
  if (tax.inclusive) {
    const amount = roundDiv(base * first.rate.n, first.rate.d * 100n + first.rate.n);
    return { taxes: [{ name: first.name, rateText: first.rateText, amount }], total: base };
  }
  const t1 = percentOf(base, first.rate);
  if (second === undefined)
    return { taxes: [{ name: first.name, rateText: first.rateText, amount: t1 }], total: base + t1 };
  const t2 = percentOf(tax.compound ? base + t1 : base, second.rate);
  return {
    taxes: [
      { name: first.name, rateText: first.rateText, amount: t1 },
      { name: second.name, rateText: second.rateText, amount: t2 },
    ],
    total: base + t1 + t2,
  };
}

/**
 * Totals of DESIGN §3: the subtotal is the unrounded debit − credit rounded once (never a per-day rate);
 * a positive subtotal takes the upgrade promotion, then tax; a subtotal ≤ 0 becomes account credit when
 * `creditOnDowngrade`.
 */
export function computeTotals(credit: Rational, debit: Rational, input: ParsedInput): Totals {
  const subtotal = roundRational(subtractRational(debit, credit));
  if (subtotal <= 0n) {
    const creditToAccount = input.policy.creditOnDowngrade ? -subtotal : 0n;
    return totals(credit, debit, subtotal, 0n, NO_TAX, subtotal, creditToAccount);
  }
  const promotion = input.promotion;
  let discount = 0n;
  if (promotion !== null && promotion.appliesToUpgrades) {
    const { adjustment } = promotion;
    discount =
      adjustment.type === 'percent'
        ? percentOf(subtotal, adjustment.percent)
        : adjustment.amount < subtotal
          ? adjustment.amount
          : subtotal;
  }
  const base = subtotal - discount;
  const tax = input.tax;
  if (tax === null || !tax.taxable || base <= 0n || tax.rates.length === 0) {
    return totals(credit, debit, subtotal, discount, NO_TAX, base, 0n);
  }
  const taxed = applyTax(base, tax);
  return totals(credit, debit, subtotal, discount, taxed.taxes, taxed.total, 0n);
}

const NO_TAX: TaxAmount[] = [];

function totals(
  credit: Rational,
  debit: Rational,
  subtotal: bigint,
  discount: bigint,
  taxes: TaxAmount[],
  total: bigint,
  creditToAccount: bigint,
): Totals {
  return {
    credit: roundRational(credit),
    debit: roundRational(debit),
    subtotal,
    discount,
    taxes,
    total,
    creditToAccount,
  };
}
