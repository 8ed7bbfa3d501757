import { expect } from 'chai';
import { quote } from '../../../../src/domain/quote/quote.js';
import type { OptionSelectionInput } from '../../../../src/domain/quote/quote-input.js';
import { inputWith, money, optionDefinitions } from './quote-fixtures.js';

/** Monthly, 19 of 28 days left, recurring 20.00 with Disk 2, EU and Basic support. */
function optionsChange(target: OptionSelectionInput[], changes: Parameters<typeof inputWith>[0] = {}) {
  return quote(
    inputWith({
      options: optionDefinitions(),
      ...changes,
      current: {
        recurringAmount: '20.00',
        options: [
          { optionId: 7, qty: 2 },
          { optionId: 9, choiceId: 91 },
          { optionId: 10, choiceId: 101 },
        ],
        ...changes.current,
      },
      target: { options: target },
    }),
  );
}

describe('quote: options-only changes', () => {
  it('quantity: credits the old units and debits the new ones over days/oldTotal', () => {
    // Disk 2 → 5 at 4.00: old 8.00 × 19/28 = 5.4286, new 20.00 × 19/28 = 13.5714.
    const result = optionsChange([{ optionId: 7, qty: 5 }]);
    expect(result).to.include({
      days: 19,
      totalDays: 28,
      newTotalDays: 28,
      direction: 'upgrade',
      newRecurringAmount: '32.00',
      newNextDueDate: '2025-03-01',
      newBillingCycle: 'monthly',
    });
    expect(money(result)).to.include({ credit: '5.43', debit: '13.57', subtotal: '8.14' });
    expect(result.lines).to.deep.equal([{ description: 'Disk: 2 => 5', credit: '5.43', debit: '13.57' }]);
  });

  it('yes/no: price × qty, 0 or 1; an option never selected starts at No', () => {
    const result = optionsChange([{ optionId: 8, qty: 1 }]);
    expect(result.lines).to.deep.equal([{ description: 'Backups: No => Yes', credit: '0.00', debit: '2.04' }]);
    expect(result).to.include({ total: '2.04', newRecurringAmount: '23.00' });
  });

  it('dropdown: the choice’s price', () => {
    const result = optionsChange([{ optionId: 9, choiceId: 92 }]);
    expect(result.lines).to.deep.equal([{ description: 'Location: EU => US', credit: '0.00', debit: '1.36' }]);
    expect(result.newRecurringAmount).to.equal('22.00');
  });

  it('radio: the choice’s price, and a cheaper choice is a downgrade credited to the account', () => {
    const up = optionsChange([{ optionId: 10, choiceId: 102 }]);
    expect(up.lines).to.deep.equal([{ description: 'Support: Basic => Priority', credit: '0.00', debit: '6.11' }]);
    const down = optionsChange([{ optionId: 10, choiceId: 101 }], {
      current: { recurringAmount: '29.00', options: [{ optionId: 10, choiceId: 102 }] },
    });
    expect(down).to.include({
      direction: 'downgrade',
      total: '-6.11',
      creditToAccount: '6.11',
      newRecurringAmount: '20.00',
      timing: 'immediate',
      effectiveDate: '2025-02-10',
    });
  });

  it('lists one line per changed option in ascending option id and skips unchanged ones', () => {
    const result = optionsChange([
      { optionId: 10, choiceId: 102 },
      { optionId: 9, choiceId: 91 },
      { optionId: 7, qty: 3 },
    ]);
    expect(result.lines.map((line) => line.description)).to.deep.equal(['Disk: 2 => 3', 'Support: Basic => Priority']);
    // Disk 8.00 → 12.00 and Support 0.00 → 9.00 over 19/28: credit 5.4286, debit 14.25, net 8.8214.
    expect(result.lines.map((line) => [line.credit, line.debit])).to.deep.equal([
      ['5.43', '8.14'],
      ['0.00', '6.11'],
    ]);
    expect(money(result)).to.include({ credit: '5.43', debit: '14.25', subtotal: '8.82' });
    expect(result.newRecurringAmount).to.equal('33.00');
  });

  it('sums the unrounded lines before rounding', () => {
    // 1 of 28 days: Disk 4.00 → 8.00 and Support 0.00 → 9.00. Rounded lines would net 0.29 + 0.32 − 0.14 = 0.47;
    // the unrounded amounts net 13/28 = 0.4643, so the subtotal is 0.46.
    const result = quote(
      inputWith({
        asOf: '2025-02-28',
        options: optionDefinitions(),
        current: { recurringAmount: '10.00', options: [{ optionId: 7, qty: 1 }] },
        target: {
          options: [
            { optionId: 7, qty: 2 },
            { optionId: 10, choiceId: 102 },
          ],
        },
      }),
    );
    expect(result.lines.map((line) => line.debit)).to.deep.equal(['0.29', '0.32']);
    expect(result.debit).to.equal('0.61');
    expect(result.subtotal).to.equal('0.46');
  });

  it('applies a percent lifetime promotion to each line and to the recurring change', () => {
    // f = 0.80: Disk 2 → 5 credits 8.00 × 0.8 × 19/28 = 4.3429 and debits 20.00 × 0.8 × 19/28 = 10.8571.
    const result = optionsChange([{ optionId: 7, qty: 5 }], { lifetimePromotion: { type: 'percent', value: '20' } });
    expect(money(result)).to.include({ credit: '4.34', debit: '10.86', subtotal: '6.51' });
    expect(result.newRecurringAmount).to.equal('29.60');
  });

  it('ignores a fixed lifetime promotion (it is already in the recurring amount)', () => {
    const result = optionsChange([{ optionId: 7, qty: 5 }], { lifetimePromotion: { type: 'fixed', value: '5.00' } });
    expect(result).to.include({ subtotal: '8.14', newRecurringAmount: '32.00' });
  });

  it('on a onetime service charges the full price difference and keeps no due date', () => {
    const result = optionsChange([{ optionId: 7, qty: 5 }], {
      current: { billingCycle: 'onetime', nextDueDate: null, recurringAmount: '100.00' },
    });
    expect(result).to.include({
      days: null,
      totalDays: null,
      newTotalDays: null,
      credit: '60.00',
      debit: '150.00',
      total: '90.00',
      newRecurringAmount: '190.00',
      newNextDueDate: null,
      newBillingCycle: 'onetime',
    });
  });

  it('on a free service every option price is 0', () => {
    const result = optionsChange([{ optionId: 7, qty: 5 }], {
      current: { billingCycle: 'free', nextDueDate: null, recurringAmount: '0.00' },
    });
    expect(result).to.include({
      days: null,
      credit: '0.00',
      debit: '0.00',
      total: '0.00',
      direction: 'upgrade',
      timing: 'immediate',
      newRecurringAmount: '0.00',
      newBillingCycle: 'free',
    });
  });

  it('never lowers the recurring amount below zero', () => {
    const result = optionsChange([{ optionId: 7, qty: 0 }], { current: { recurringAmount: '5.00' } });
    expect(result).to.include({ direction: 'downgrade', newRecurringAmount: '0.00', total: '-5.43' });
  });

  it('counts a change of cycle as a product change, pricing options at the new cycle', () => {
    const result = quote(
      inputWith({
        options: optionDefinitions(),
        current: { options: [{ optionId: 7, qty: 2 }] },
        target: { billingCycle: 'annually', productPricing: { annually: '100.00' } },
      }),
    );
    expect(result.lines).to.deep.equal([
      { description: 'Starter => Starter (annually)', credit: '6.79', debit: '9.37' },
    ]);
    expect(result.newRecurringAmount).to.equal('180.00');
  });
});
