import { expect } from 'chai';
import { quote } from '../../../../src/domain/quote/quote.js';
import { inputWith, optionDefinitions, productChange } from './quote-fixtures.js';

const endOfTerm = { policy: { downgradeTiming: 'end-of-term' as const } };

describe('quote: end-of-term downgrades', () => {
  it('charges and credits nothing now and applies the new product on the next due date', () => {
    const result = quote(productChange('2025-07-11', 'monthly', '2025-08-01', '50.00', 'monthly', '20.00', endOfTerm));
    expect(result).to.deep.equal({
      direction: 'downgrade',
      timing: 'end-of-term',
      days: 21,
      totalDays: 31,
      newTotalDays: 31,
      credit: '0.00',
      debit: '0.00',
      subtotal: '0.00',
      discount: '0.00',
      taxes: [],
      total: '0.00',
      creditToAccount: '0.00',
      invoiceRequired: false,
      newRecurringAmount: '20.00',
      newBillingCycle: 'monthly',
      newNextDueDate: '2025-08-01',
      effectiveDate: '2025-08-01',
      lines: [{ description: 'Starter => Pro (monthly)', credit: '0.00', debit: '0.00' }],
    });
  });

  it('keeps the current due date even when the policy would reset the anchor', () => {
    const result = quote(
      productChange('2025-07-11', 'annually', '2026-01-01', '120.00', 'monthly', '5.00', {
        policy: { downgradeTiming: 'end-of-term', billingAnchor: 'reset' },
      }),
    );
    expect(result).to.include({
      timing: 'end-of-term',
      newNextDueDate: '2026-01-01',
      effectiveDate: '2026-01-01',
      newBillingCycle: 'monthly',
      newRecurringAmount: '5.00',
      total: '0.00',
    });
  });

  it('defers an options-only downgrade too, with zero lines', () => {
    const result = quote(
      inputWith({
        ...endOfTerm,
        options: optionDefinitions(),
        current: { recurringAmount: '30.00', options: [{ optionId: 7, qty: 5 }] },
        target: { options: [{ optionId: 7, qty: 2 }] },
      }),
    );
    expect(result).to.include({
      timing: 'end-of-term',
      effectiveDate: '2025-03-01',
      newRecurringAmount: '18.00',
      total: '0.00',
    });
    expect(result.lines).to.deep.equal([{ description: 'Disk: 5 => 2', credit: '0.00', debit: '0.00' }]);
  });

  it('leaves upgrades immediate', () => {
    const result = quote(productChange('2025-02-10', 'monthly', '2025-03-01', '10.00', 'monthly', '25.00', endOfTerm));
    expect(result).to.include({ timing: 'on-payment', total: '10.18' });
  });

  it('does not apply to free or onetime services, which have no term', () => {
    const result = quote(
      inputWith({
        ...endOfTerm,
        current: { billingCycle: 'onetime', nextDueDate: null, recurringAmount: '60.00' },
        target: { productId: 2, billingCycle: 'onetime', productPricing: { onetime: '40.00' } },
      }),
    );
    expect(result).to.include({
      direction: 'downgrade',
      timing: 'immediate',
      total: '-20.00',
      creditToAccount: '20.00',
      effectiveDate: '2025-02-10',
    });
  });
});
