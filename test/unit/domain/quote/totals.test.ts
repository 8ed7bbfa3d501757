import { expect } from 'chai';
import { quote } from '../../../../src/domain/quote/quote.js';
import type { Quote } from '../../../../src/domain/quote/quote-output.js';
import { type InputChanges, inputWith, productChange } from './quote-fixtures.js';

/** Same-day monthly 10.00 → 110.00: a subtotal of exactly 100.00. */
const hundred = (changes: Omit<InputChanges, 'current' | 'target'> = {}): Quote =>
  quote(productChange('2025-04-01', 'monthly', '2025-05-01', '10.00', 'monthly', '110.00', changes));

describe('quote: totals, promotions and tax', () => {
  describe('upgrade promotion', () => {
    it('percent: rounded share of the subtotal', () => {
      expect(hundred({ promotion: { type: 'percent', value: '12.345' } })).to.include({
        discount: '12.35',
        total: '87.65',
      });
    });

    it('fixed: at most the subtotal', () => {
      expect(hundred({ promotion: { type: 'fixed', value: '30' } })).to.include({ discount: '30.00', total: '70.00' });
      expect(hundred({ promotion: { type: 'fixed', value: '150.00' } })).to.include({
        discount: '100.00',
        total: '0.00',
        timing: 'immediate',
      });
    });

    it('is skipped when it does not apply to upgrades', () => {
      expect(hundred({ promotion: { type: 'percent', value: '50', appliesToUpgrades: false } })).to.include({
        discount: '0.00',
        total: '100.00',
      });
    });

    it('is skipped when nothing is due', () => {
      const result = quote(
        productChange('2025-04-01', 'monthly', '2025-05-01', '110.00', 'monthly', '10.00', {
          promotion: { type: 'fixed', value: '5.00' },
        }),
      );
      expect(result).to.include({ discount: '0.00', total: '-100.00', creditToAccount: '100.00' });
    });
  });

  describe('tax', () => {
    const vat = [{ name: 'VAT', rate: '21' }];

    it('exclusive, one level: added on top of the discounted base', () => {
      const result = hundred({ promotion: { type: 'percent', value: '10' }, tax: { rates: vat } });
      expect(result.taxes).to.deep.equal([{ name: 'VAT', rate: '21', amount: '18.90' }]);
      expect(result.total).to.equal('108.90');
    });

    it('exclusive, two levels: plain charges both on the base, compound charges level 2 on base + level 1', () => {
      const rates = [
        { name: 'GST', rate: '5' },
        { name: 'QST', rate: '9.975' },
      ];
      const plain = hundred({ tax: { rates } });
      expect(plain.taxes).to.deep.equal([
        { name: 'GST', rate: '5', amount: '5.00' },
        { name: 'QST', rate: '9.975', amount: '9.98' },
      ]);
      expect(plain.total).to.equal('114.98');
      const compound = hundred({ tax: { compound: true, rates } });
      expect(compound.taxes.map((tax) => tax.amount)).to.deep.equal(['5.00', '10.47']);
      expect(compound.total).to.equal('115.47');
    });

    it('inclusive: the tax inside the base is reported, the total stays the base', () => {
      const result = hundred({ tax: { inclusive: true, rates: vat } });
      expect(result.taxes).to.deep.equal([{ name: 'VAT', rate: '21', amount: '17.36' }]);
      expect(result.total).to.equal('100.00');
    });

    it('is not charged when the product is not taxable, on a zero base, or on a credit', () => {
      expect(hundred({ tax: { taxable: false, rates: vat } }))
        .to.include({ total: '100.00' })
        .and.to.have.property('taxes')
        .that.deep.equals([]);
      expect(hundred({ promotion: { type: 'percent', value: '100' }, tax: { rates: vat } }))
        .to.include({ total: '0.00' })
        .and.to.have.property('taxes')
        .that.deep.equals([]);
      const credit = quote(
        productChange('2025-04-01', 'monthly', '2025-05-01', '110.00', 'monthly', '10.00', { tax: { rates: vat } }),
      );
      expect(credit.taxes).to.deep.equal([]);
      expect(credit.total).to.equal('-100.00');
    });

    it('allows no rates at all', () => {
      expect(hundred({ tax: { rates: [] } })).to.include({ total: '100.00' });
    });
  });

  describe('currency decimals', () => {
    it('prints every amount with the currency’s decimals: 0 for JPY', () => {
      const result = quote(
        productChange('2025-02-10', 'monthly', '2025-03-01', '1000', 'monthly', '2500', {
          currency: { code: 'JPY', decimals: 0 },
          tax: { rates: [{ name: 'JCT', rate: '10' }] },
        }),
      );
      // 1000 × 19/28 = 678.57 → 679; 2500 × 19/28 = 1696.43 → 1696; net 1500 × 19/28 = 1017.86 → 1018; tax 101.8 → 102.
      expect(result).to.include({
        credit: '679',
        debit: '1696',
        subtotal: '1018',
        discount: '0',
        total: '1120',
        creditToAccount: '0',
        newRecurringAmount: '2500',
      });
      expect(result.taxes[0].amount).to.equal('102');
    });

    it('prints every amount with the currency’s decimals: 3 for KWD', () => {
      const result = quote(
        productChange('2025-02-10', 'monthly', '2025-03-01', '10.125', 'monthly', '25', {
          currency: { code: 'KWD', decimals: 3 },
        }),
      );
      // 10.125 × 19/28 = 6.870536; 25 × 19/28 = 16.964286; net 10.09375 → 10.094.
      expect(result).to.include({ credit: '6.871', debit: '16.964', subtotal: '10.094', newRecurringAmount: '25.000' });
    });

    it('defaults to 2 decimals', () => {
      expect(quote(inputWith({ currency: { code: 'EUR' } })).total).to.equal('10.18');
    });
  });

  describe('timing, invoice and effective date', () => {
    it('on-payment with an invoice when something is due', () => {
      expect(hundred()).to.include({ timing: 'on-payment', invoiceRequired: true, effectiveDate: null });
    });

    it('immediate, effective today, when nothing is due', () => {
      expect(hundred({ promotion: { type: 'percent', value: '100' } })).to.include({
        timing: 'immediate',
        invoiceRequired: false,
        effectiveDate: '2025-04-01',
      });
      const credit = quote(productChange('2025-04-01', 'monthly', '2025-05-01', '110.00', 'monthly', '10.00'));
      expect(credit).to.include({ timing: 'immediate', invoiceRequired: false, effectiveDate: '2025-04-01' });
    });
  });
});
