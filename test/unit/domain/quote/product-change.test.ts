import { expect } from 'chai';
import { quote } from '../../../../src/domain/quote/quote.js';
import { inputWith, money, optionDefinitions, productChange } from './quote-fixtures.js';

describe('quote: product and cycle changes', () => {
  describe('billing anchor', () => {
    // Monthly 10.00 due 2025-03-01, on 2025-02-10 (19 of 28 days), to annual 120.00.
    const toAnnual = (billingAnchor: 'keep' | 'reset' | 'reset-on-cycle-change') =>
      quote(
        productChange('2025-02-10', 'monthly', '2025-03-01', '10.00', 'annually', '120.00', {
          policy: { billingAnchor },
        }),
      );

    it('keep: debits the new price over the same days of the new cycle’s period ending on the same due date', () => {
      // Annual period ending 2025-03-01 starts 2024-03-01: 365 days. Debit 120 × 19/365 = 6.2466.
      const result = toAnnual('keep');
      expect(result).to.include({
        days: 19,
        totalDays: 28,
        newTotalDays: 365,
        newNextDueDate: '2025-03-01',
        newBillingCycle: 'annually',
      });
      expect(money(result)).to.include({ credit: '6.79', debit: '6.25', subtotal: '-0.54' });
      // 120/365 a day is more than 10/28 a day? No: 0.3288 < 0.3571, so a downgrade.
      expect(result.direction).to.equal('downgrade');
    });

    it('reset: debits one full new cycle and starts it today', () => {
      const result = toAnnual('reset');
      expect(result).to.include({ days: 19, totalDays: 28, newTotalDays: 365, newNextDueDate: '2026-02-10' });
      expect(money(result)).to.include({ credit: '6.79', debit: '120.00', subtotal: '113.21', total: '113.21' });
      // Direction still compares daily rates at the kept anchor.
      expect(result.direction).to.equal('downgrade');
      expect(result.timing).to.equal('on-payment');
    });

    it('reset-on-cycle-change: resets when the cycle changes, keeps the anchor when it does not', () => {
      expect(toAnnual('reset-on-cycle-change')).to.deep.equal(toAnnual('reset'));
      const sameCycle = quote(
        productChange('2025-02-10', 'monthly', '2025-03-01', '10.00', 'monthly', '25.00', {
          policy: { billingAnchor: 'reset-on-cycle-change' },
        }),
      );
      expect(sameCycle).to.include({ debit: '16.96', newNextDueDate: '2025-03-01', newTotalDays: 28 });
      const resetSameCycle = quote(
        productChange('2025-02-10', 'monthly', '2025-03-01', '10.00', 'monthly', '25.00', {
          policy: { billingAnchor: 'reset' },
        }),
      );
      expect(resetSameCycle).to.include({
        debit: '25.00',
        total: '18.21',
        newNextDueDate: '2025-03-10',
        newTotalDays: 28,
      });
    });

    it('reset from the 31st clamps the new due date and remembers nothing else', () => {
      const result = quote(
        productChange('2025-01-31', 'monthly', '2025-02-15', '10.00', 'monthly', '20.00', {
          policy: { billingAnchor: 'reset' },
        }),
      );
      expect(result).to.include({ newNextDueDate: '2025-02-28', newTotalDays: 28 });
    });

    it('reset under the fixed day count reports the nominal length', () => {
      const result = quote(
        productChange('2025-02-10', 'monthly', '2025-03-01', '10.00', 'quarterly', '30.00', {
          policy: { billingAnchor: 'reset', dayCount: 'fixed' },
        }),
      );
      expect(result).to.include({
        days: 19,
        totalDays: 30,
        newTotalDays: 90,
        newNextDueDate: '2025-05-10',
        credit: '6.33',
        debit: '30.00',
      });
    });
  });

  describe('onetime target', () => {
    it('debits the onetime price, has no next due date and no new period', () => {
      const result = quote(productChange('2025-02-10', 'monthly', '2025-03-01', '10.00', 'onetime', '50.00'));
      expect(result).to.include({
        days: 19,
        totalDays: 28,
        newTotalDays: null,
        newNextDueDate: null,
        newBillingCycle: 'onetime',
        newRecurringAmount: '50.00',
      });
      expect(money(result)).to.include({ credit: '6.79', debit: '50.00', total: '43.21' });
      expect(result.direction).to.equal('upgrade');
    });

    it('is a downgrade when the onetime price is below the credit', () => {
      const result = quote(productChange('2025-02-10', 'monthly', '2025-03-01', '10.00', 'onetime', '5.00'));
      expect(result).to.include({ direction: 'downgrade', total: '-1.79', creditToAccount: '1.79' });
    });
  });

  describe('from free or onetime', () => {
    it('free → onetime debits the onetime price, credits nothing', () => {
      const result = quote(
        inputWith({
          current: { billingCycle: 'free', nextDueDate: null, recurringAmount: '0.00' },
          target: { productId: 2, billingCycle: 'onetime', productPricing: { onetime: '99.00' } },
        }),
      );
      expect(result).to.include({
        credit: '0.00',
        debit: '99.00',
        total: '99.00',
        newNextDueDate: null,
        days: null,
        totalDays: null,
        newTotalDays: null,
      });
    });

    it('onetime → onetime credits what was paid', () => {
      const result = quote(
        inputWith({
          current: { billingCycle: 'onetime', nextDueDate: null, recurringAmount: '60.00' },
          target: { productId: 2, billingCycle: 'onetime', productPricing: { onetime: '100.00' } },
        }),
      );
      expect(money(result)).to.include({ credit: '60.00', debit: '100.00', total: '40.00' });
      expect(result).to.include({ direction: 'upgrade', newNextDueDate: null });
      const down = quote(
        inputWith({
          current: { billingCycle: 'onetime', nextDueDate: null, recurringAmount: '60.00' },
          target: { productId: 2, billingCycle: 'onetime', productPricing: { onetime: '40.00' } },
        }),
      );
      expect(down).to.include({
        direction: 'downgrade',
        total: '-20.00',
        creditToAccount: '20.00',
        timing: 'immediate',
      });
    });

    it('onetime → recurring credits nothing and starts a full cycle today, anchored on today', () => {
      const result = quote(
        inputWith({
          asOf: '2024-01-31',
          current: { billingCycle: 'onetime', nextDueDate: null, recurringAmount: '60.00' },
          target: { productId: 2, billingCycle: 'monthly', productPricing: { monthly: '15.00' } },
        }),
      );
      expect(result).to.include({
        credit: '0.00',
        debit: '15.00',
        total: '15.00',
        newNextDueDate: '2024-02-29',
        days: null,
        newTotalDays: null,
      });
    });

    it('ignores a stored next due date of a free service', () => {
      const result = quote(
        inputWith({
          asOf: '2025-01-15',
          current: { billingCycle: 'free', nextDueDate: '2020-01-01', recurringAmount: '0.00' },
          target: { productId: 2, billingCycle: 'annually', productPricing: { annually: '100.00' } },
        }),
      );
      expect(result).to.include({ total: '100.00', newNextDueDate: '2026-01-15' });
    });
  });

  describe('new recurring amount', () => {
    const options = optionDefinitions();
    const withOptions = (changes: Parameters<typeof inputWith>[0]['lifetimePromotion']) =>
      quote(
        inputWith({
          options,
          current: {
            options: [
              { optionId: 7, qty: 2 },
              { optionId: 9, choiceId: 92 },
              { optionId: 8, qty: 0 },
            ],
          },
          target: {
            productId: 2,
            productName: 'Pro',
            billingCycle: 'annually',
            productPricing: { annually: '200.00' },
            options: [{ optionId: 8, qty: 1 }],
          },
          lifetimePromotion: changes,
        }),
      );

    it('is the target’s full price with every option at the new cycle, current selections merged with the target’s', () => {
      // 200.00 + Disk 2 × 40.00 + US 20.00 + Backups 30.00 = 330.00.
      expect(withOptions(null).newRecurringAmount).to.equal('330.00');
    });

    it('takes a percent lifetime promotion off the full price, rounded once', () => {
      expect(withOptions({ type: 'percent', value: '12.5' }).newRecurringAmount).to.equal('288.75');
    });

    it('takes a fixed lifetime promotion off down to zero', () => {
      expect(withOptions({ type: 'fixed', value: '30.00' }).newRecurringAmount).to.equal('300.00');
      expect(withOptions({ type: 'fixed', value: '999.00' }).newRecurringAmount).to.equal('0.00');
    });

    it('describes the change with both product names and the new cycle, or product ids when names are not given', () => {
      expect(withOptions(null).lines.map((line) => line.description)).to.deep.equal(['Starter => Pro (annually)']);
      const unnamed = quote(
        inputWith({
          current: { productName: undefined },
          target: { productId: 2, productPricing: { monthly: '25.00' } },
        }),
      );
      expect(unnamed.lines[0].description).to.equal('Product 1 => Product 2 (monthly)');
      const cycleOnly = quote(
        inputWith({ target: { billingCycle: 'annually', productPricing: { annually: '100.00' } } }),
      );
      expect(cycleOnly.lines[0].description).to.equal('Starter => Starter (annually)');
    });
  });

  describe('direction', () => {
    it('is an upgrade when the new daily rate equals the old one', () => {
      const result = quote(productChange('2025-02-10', 'monthly', '2025-03-01', '10.00', 'monthly', '10.00'));
      expect(result).to.include({ direction: 'upgrade', total: '0.00', timing: 'immediate' });
    });

    it('compares daily rates at the kept anchor: a cheaper monthly price per day is a downgrade even at a higher list price', () => {
      // 350.00 every 3 years is 0.32 a day; 25.01 a month is 0.89 a day (vector P3).
      expect(
        quote(productChange('2025-02-10', 'monthly', '2025-03-01', '25.01', 'triennially', '350.00')).direction,
      ).to.equal('downgrade');
    });
  });
});
