/**
 * An exact fraction `n / d` of bigints with `d > 0`. Never reduced: amounts are only ever rounded once, at
 * the end, so the cost of a gcd buys nothing.
 */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

export const RATIONAL_ZERO: Rational = { n: 0n, d: 1n };

export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('rational: zero denominator');
  return d < 0n ? { n: -n, d: -d } : { n, d };
}

export function addRational(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return { n: a.n + b.n, d: a.d };
  return { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
}

export function subtractRational(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return { n: a.n - b.n, d: a.d };
  return { n: a.n * b.d - b.n * a.d, d: a.d * b.d };
}

/** -1, 0 or 1. */
export function compareRational(a: Rational, b: Rational): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * `n / d` rounded to an integer, half away from zero (2.5 → 3, −2.5 → −3). The one rounding rule of every
 * amount: it is symmetric, so a change and its exact reverse round to opposite amounts.
 */
export function roundDiv(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('roundDiv: zero divisor');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = n / d;
  const r = n - q * d;
  const twice = r < 0n ? -2n * r : 2n * r;
  if (twice < d) return q;
  return n < 0n ? q - 1n : q + 1n;
}

/** A rational rounded half away from zero to an integer. */
export function roundRational(value: Rational): bigint {
  return roundDiv(value.n, value.d);
}
