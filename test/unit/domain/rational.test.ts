import { expect } from 'chai';
import fc from 'fast-check';
import {
  addRational,
  compareRational,
  rational,
  roundDiv,
  roundRational,
  subtractRational,
} from '../../../src/domain/rational.js';

describe('rational arithmetic', () => {
  it('rounds half away from zero', () => {
    expect(roundDiv(5n, 2n)).to.equal(3n);
    expect(roundDiv(-5n, 2n)).to.equal(-3n);
    expect(roundDiv(7n, 4n)).to.equal(2n);
    expect(roundDiv(-7n, 4n)).to.equal(-2n);
    expect(roundDiv(5n, 4n)).to.equal(1n);
    expect(roundDiv(-5n, 4n)).to.equal(-1n);
    expect(roundDiv(1018n, 10n)).to.equal(102n);
    expect(roundDiv(5n, -2n)).to.equal(-3n);
    expect(roundDiv(0n, 7n)).to.equal(0n);
  });

  it('refuses a zero divisor', () => {
    expect(() => roundDiv(1n, 0n)).to.throw(RangeError);
    expect(() => rational(1n, 0n)).to.throw(RangeError);
  });

  it('rounds symmetrically and to within half a unit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (n, d) => {
          const q = roundDiv(n, d);
          expect(roundDiv(-n, d)).to.equal(-q);
          const error = q * d - n; // rounding error × d
          expect(2n * (error < 0n ? -error : error) <= d).to.equal(true);
        },
      ),
    );
  });

  it('adds, subtracts and compares exactly', () => {
    const third = rational(1n, 3n);
    const sixth = rational(1n, 6n);
    expect(compareRational(addRational(third, sixth), rational(1n, 2n))).to.equal(0);
    expect(compareRational(subtractRational(third, sixth), sixth)).to.equal(0);
    expect(compareRational(third, sixth)).to.equal(1);
    expect(roundRational(rational(190n, 28n))).to.equal(7n);
    expect(rational(3n, -4n)).to.deep.equal({ n: -3n, d: 4n });
  });
});
