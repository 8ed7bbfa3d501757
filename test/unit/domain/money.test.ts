import { expect } from 'chai';
import fc from 'fast-check';
import { formatMoney, parseMoney } from '../../../src/domain/money.js';
import { QuoteError } from '../../../src/domain/quote-error.js';

function parseError(value: unknown, decimals: number, field: string): QuoteError {
  try {
    parseMoney(value as string, decimals, field);
  } catch (error) {
    if (error instanceof QuoteError) return error;
    throw error;
  }
  throw new Error(`parseMoney accepted ${JSON.stringify(value)}`);
}

describe('money', () => {
  describe('parseMoney', () => {
    it('reads whole, short and full decimals into minor units', () => {
      expect(parseMoney('10', 2, 'f')).to.equal(1000n);
      expect(parseMoney('10.5', 2, 'f')).to.equal(1050n);
      expect(parseMoney('10.50', 2, 'f')).to.equal(1050n);
      expect(parseMoney('0.05', 2, 'f')).to.equal(5n);
      expect(parseMoney('-3.25', 2, 'f')).to.equal(-325n);
      expect(parseMoney('1500', 0, 'f')).to.equal(1500n);
      expect(parseMoney('1.234', 3, 'f')).to.equal(1234n);
      expect(parseMoney('1.2', 3, 'f')).to.equal(1200n);
    });

    it('keeps amounts beyond 2^53 exact', () => {
      expect(parseMoney('123456789012345678.91', 2, 'f')).to.equal(12345678901234567891n);
    });

    it('refuses more decimals than the currency has, naming the field', () => {
      const error = parseError('10.505', 2, 'target.productPricing.monthly');
      expect(error.code).to.equal('invalid_input');
      expect(error.field).to.equal('target.productPricing.monthly');
      expect(error.message).to.equal('target.productPricing.monthly has more than 2 decimals: "10.505"');
      expect(parseError('10.0', 0, 'price').message).to.equal('price has more than 0 decimals: "10.0"');
    });

    it('refuses anything that is not a plain decimal string', () => {
      for (const value of [
        '',
        '1e3',
        '+1',
        ' 1',
        '1 ',
        '.5',
        '5.',
        '1.2.3',
        '1,50',
        '--1',
        '-',
        'NaN',
        10,
        null,
        undefined,
      ]) {
        const error = parseError(value, 2, 'current.recurringAmount');
        expect(error.code, JSON.stringify(value)).to.equal('invalid_input');
        expect(error.message, JSON.stringify(value)).to.match(/^current\.recurringAmount must be a decimal string/);
      }
    });
  });

  describe('formatMoney', () => {
    it('always prints exactly the currency decimals', () => {
      expect(formatMoney(1050n, 2)).to.equal('10.50');
      expect(formatMoney(-300n, 2)).to.equal('-3.00');
      expect(formatMoney(5n, 2)).to.equal('0.05');
      expect(formatMoney(-5n, 2)).to.equal('-0.05');
      expect(formatMoney(0n, 2)).to.equal('0.00');
      expect(formatMoney(10n, 0)).to.equal('10');
      expect(formatMoney(-10n, 0)).to.equal('-10');
      expect(formatMoney(1n, 3)).to.equal('0.001');
      expect(formatMoney(12345678901234567891n, 2)).to.equal('123456789012345678.91');
    });

    it('round-trips with parseMoney for any amount and any decimals', () => {
      fc.assert(
        fc.property(
          fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
          fc.integer({ min: 0, max: 8 }),
          (minor, decimals) => {
            const text = formatMoney(minor, decimals);
            expect(text.split('.')[1]?.length ?? 0).to.equal(decimals);
            expect(parseMoney(text, decimals, 'f')).to.equal(minor);
          },
        ),
      );
    });
  });
});
