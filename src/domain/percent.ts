import { type Rational, roundDiv } from './rational.js';

/** `amount × percent / 100`, rounded half away from zero; `percent` is an exact fraction such as 125/10. */
export function percentOf(amount: bigint, percent: Rational): bigint {
  return roundDiv(amount * percent.n, percent.d * 100n);
}

/** `100 − percent` as a fraction of one: the share left after a percent discount (20 → 80/100). */
export function remainingShare(percent: Rational): Rational {
  return { n: percent.d * 100n - percent.n, d: percent.d * 100n };
}
