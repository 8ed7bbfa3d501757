import { expect } from 'chai';
import * as domain from '../../../src/domain/index.js';
import type { BillingCycle, Quote, QuoteErrorCode, QuoteInput } from '../../../src/domain/index.js';

describe('src/domain public API', () => {
  it('exports what the pipeline, the API and the CLI use', () => {
    for (const name of [
      'quote',
      'parseMoney',
      'formatMoney',
      'addMonths',
      'cycleMonths',
      'isRecurringCycle',
      'QuoteError',
    ]) {
      expect(domain, name).to.have.property(name).that.is.a('function');
    }
    expect(domain.QUOTE_ERROR_CODES).to.have.length(7);
  });

  it('computes a next due date the way the pipeline does after applying a change', () => {
    const cycle: BillingCycle = 'quarterly';
    expect(domain.isRecurringCycle(cycle) && domain.addMonths('2025-01-31', domain.cycleMonths(cycle), 31)).to.equal(
      '2025-04-30',
    );
  });

  it('types the JSON shapes', () => {
    const input: QuoteInput = {
      asOf: '2025-02-10',
      current: { productId: 1, billingCycle: 'monthly', nextDueDate: '2025-03-01', recurringAmount: '10.00' },
      target: { productId: 2, productPricing: { monthly: '25.00' } },
    };
    const result: Quote = domain.quote(input);
    const code: QuoteErrorCode = 'no_change';
    expect(result.total).to.equal('10.18');
    expect(() => domain.quote({ ...input, target: {} }))
      .to.throw(domain.QuoteError)
      .with.property('code', code);
  });
});
