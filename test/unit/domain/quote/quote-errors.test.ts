import { expect } from 'chai';
import type { QuoteInput } from '../../../../src/domain/quote/quote-input.js';
import { quote } from '../../../../src/domain/quote/quote.js';
import { QUOTE_ERROR_CODES } from '../../../../src/domain/quote-error-code.js';
import { baseInput, inputWith, optionDefinitions, quoteError } from './quote-fixtures.js';

function withOptions(current: QuoteInput['current']['options'], target: QuoteInput['target']): QuoteInput {
  const options = optionDefinitions();
  options[0].allowDowngrade = false; // Disk
  options[1].allowDowngrade = false; // Backups
  options[2].allowDowngrade = false; // Location
  return inputWith({ options, current: { options: current }, target });
}

function expectError(input: unknown, code: string, field: string, message: string): void {
  const error = quoteError(input);
  expect({ code: error.code, field: error.field, message: error.message }).to.deep.equal({ code, field, message });
}

describe('quote: error codes', () => {
  it('unknown_option: an option id that is not defined', () => {
    expectError(
      withOptions([{ optionId: 99, qty: 1 }], { options: [] }),
      'unknown_option',
      'current.options[0].optionId',
      'current.options[0].optionId 99 is not defined in options',
    );
    expectError(
      withOptions([], { options: [{ optionId: 42, qty: 1 }] }),
      'unknown_option',
      'target.options[0].optionId',
      'target.options[0].optionId 42 is not defined in options',
    );
  });

  it('unknown_option: a choice id that is not a choice of its option', () => {
    expectError(
      withOptions([], { options: [{ optionId: 9, choiceId: 93 }] }),
      'unknown_option',
      'target.options[0].choiceId',
      'target.options[0].choiceId 93 is not a choice of option 9 (Location)',
    );
  });

  it('invalid_quantity: above max, below min, a yes/no other than 0 or 1', () => {
    expectError(
      withOptions([], { options: [{ optionId: 7, qty: 101 }] }),
      'invalid_quantity',
      'target.options[0].qty',
      'target.options[0].qty 101 is above the maximum 100 of option 7 (Disk)',
    );
    expectError(
      withOptions([], { options: [{ optionId: 7, qty: -1 }] }),
      'invalid_quantity',
      'target.options[0].qty',
      'target.options[0].qty -1 is below the minimum 0 of option 7 (Disk)',
    );
    expectError(
      withOptions([], { options: [{ optionId: 8, qty: 2 }] }),
      'invalid_quantity',
      'target.options[0].qty',
      'target.options[0].qty 2 must be 0 or 1 (yes/no) of option 8 (Backups)',
    );
  });

  it('invalid_quantity: checks the current selections merged with the target’s', () => {
    // The current 150 is out of range and the target does not change it.
    expectError(
      withOptions([{ optionId: 7, qty: 150 }], { options: [{ optionId: 8, qty: 1 }] }),
      'invalid_quantity',
      'current.options[0].qty',
      'current.options[0].qty 150 is above the maximum 100 of option 7 (Disk)',
    );
    // The target brings it back into range, so the quantity passes and the next check (a lower quantity) applies.
    expect(
      quoteError(withOptions([{ optionId: 7, qty: 150 }], { options: [{ optionId: 7, qty: 100 }] })).code,
    ).to.equal('option_downgrade_not_allowed');
  });

  it('option_downgrade_not_allowed: a lower quantity, a yes/no turned off, a cheaper choice', () => {
    expectError(
      withOptions([{ optionId: 7, qty: 5 }], { options: [{ optionId: 7, qty: 4 }] }),
      'option_downgrade_not_allowed',
      'target.options[0]',
      'target.options[0] lowers option 7 (Disk), which does not allow downgrades',
    );
    expectError(
      withOptions([{ optionId: 8, qty: 1 }], { options: [{ optionId: 8, qty: 0 }] }),
      'option_downgrade_not_allowed',
      'target.options[0]',
      'target.options[0] lowers option 8 (Backups), which does not allow downgrades',
    );
    expectError(
      withOptions([{ optionId: 9, choiceId: 92 }], { options: [{ optionId: 9, choiceId: 91 }] }),
      'option_downgrade_not_allowed',
      'target.options[0]',
      'target.options[0] lowers option 9 (Location), which does not allow downgrades',
    );
  });

  it('option_downgrade_not_allowed: compares choices at the current cycle, also when the product changes', () => {
    expectError(
      withOptions([{ optionId: 9, choiceId: 92 }], {
        productId: 2,
        billingCycle: 'annually',
        productPricing: { annually: '100.00' },
        options: [{ optionId: 9, choiceId: 91 }],
      }),
      'option_downgrade_not_allowed',
      'target.options[0]',
      'target.options[0] lowers option 9 (Location), which does not allow downgrades',
    );
  });

  it('allows upgrades, equal-priced switches and downgrades of options that allow them', () => {
    expect(quote(withOptions([{ optionId: 7, qty: 2 }], { options: [{ optionId: 7, qty: 3 }] })).total).to.equal(
      '2.71',
    );
    const options = optionDefinitions();
    options[2].choices![1].pricing = { monthly: '0.00' };
    options[2].allowDowngrade = false;
    const samePrice = inputWith({
      options,
      current: { options: [{ optionId: 9, choiceId: 92 }] },
      target: { options: [{ optionId: 9, choiceId: 91 }] },
    });
    expect(quote(samePrice)).to.include({ total: '0.00', direction: 'upgrade' });
    const allowed = inputWith({
      options: optionDefinitions(),
      current: { options: [{ optionId: 7, qty: 5 }] },
      target: { options: [{ optionId: 7, qty: 1 }] },
    });
    expect(quote(allowed)).to.include({ total: '-10.86', direction: 'downgrade' });
  });

  it('no_change: same product, cycle and options', () => {
    expectError(
      inputWith({ target: {} }),
      'no_change',
      'target',
      'target changes nothing: it has the current product, cycle and options',
    );
    expectError(
      withOptions([{ optionId: 7, qty: 2 }], {
        productId: 1,
        billingCycle: 'monthly',
        options: [
          { optionId: 7, qty: 2 },
          { optionId: 8, qty: 0 },
        ],
      }),
      'no_change',
      'target',
      'target changes nothing: it has the current product, cycle and options',
    );
  });

  it('overdue: asOf after the next due date', () => {
    expectError(
      inputWith({ asOf: '2025-03-02' }),
      'overdue',
      'asOf',
      'asOf 2025-03-02 is after current.nextDueDate 2025-03-01: the service is overdue, renew it first',
    );
  });

  it('price_unavailable: no product price at the target cycle', () => {
    expectError(
      inputWith({ target: { productId: 2, billingCycle: 'annually', productPricing: { monthly: '25.00' } } }),
      'price_unavailable',
      'target.productPricing.annually',
      'target.productPricing.annually is not defined: product 2 has no annually price',
    );
    expectError(
      inputWith({ target: { productId: 2 } }),
      'price_unavailable',
      'target.productPricing.monthly',
      'target.productPricing.monthly is not defined: product 2 has no monthly price',
    );
  });

  it('price_unavailable: no option or choice price at the cycle', () => {
    const toQuarterly = { productId: 2, billingCycle: 'quarterly' as const, productPricing: { quarterly: '70.00' } };
    expectError(
      withOptions([{ optionId: 7, qty: 2 }], toQuarterly),
      'price_unavailable',
      'options[0].pricing.quarterly',
      'options[0].pricing.quarterly is not defined: option 7 (Disk) has no quarterly price',
    );
    expectError(
      withOptions([{ optionId: 9, choiceId: 92 }], toQuarterly),
      'price_unavailable',
      'options[2].choices[1].pricing.quarterly',
      'options[2].choices[1].pricing.quarterly is not defined: choice 92 (US) of option 9 has no quarterly price',
    );
    // Options not selected need no price.
    expect(quote(withOptions([{ optionId: 7, qty: 0 }], toQuarterly)).newRecurringAmount).to.equal('70.00');
    const onetime = inputWith({
      options: optionDefinitions(),
      current: { billingCycle: 'onetime', nextDueDate: null },
      target: { options: [{ optionId: 10, choiceId: 102 }] },
    });
    expectError(
      onetime,
      'price_unavailable',
      'options[3].choices[1].pricing.onetime',
      'options[3].choices[1].pricing.onetime is not defined: choice 102 (Priority) of option 10 has no onetime price',
    );
  });

  describe('order of precedence', () => {
    it('lists the codes in the order of DESIGN §3', () => {
      expect(QUOTE_ERROR_CODES).to.deep.equal([
        'invalid_input',
        'unknown_option',
        'invalid_quantity',
        'option_downgrade_not_allowed',
        'no_change',
        'overdue',
        'price_unavailable',
      ]);
    });

    it('reports the first that applies, as each earlier one is fixed', () => {
      const input = withOptions([{ optionId: 9, choiceId: 92 }], {
        productId: 2,
        billingCycle: 'annually',
        productPricing: { monthly: '25.00' },
        options: [
          { optionId: 42, qty: 1 },
          { optionId: 7, qty: 500 },
          { optionId: 9, choiceId: 91 },
        ],
      });
      input.asOf = '2025-03-05';
      input.promotion = { type: 'percent', value: 'ten' };
      const seen: string[] = [quoteError(input).code];
      input.promotion = null;
      seen.push(quoteError(input).code);
      input.target.options = input.target.options!.slice(1);
      seen.push(quoteError(input).code);
      input.target.options = input.target.options.slice(1);
      seen.push(quoteError(input).code);
      input.target.options = [];
      seen.push(quoteError(input).code);
      input.asOf = '2025-02-10';
      seen.push(quoteError(input).code);
      expect(seen).to.deep.equal([
        'invalid_input',
        'unknown_option',
        'invalid_quantity',
        'option_downgrade_not_allowed',
        'overdue',
        'price_unavailable',
      ]);
    });

    it('reports invalid_quantity before no_change, and no_change before overdue', () => {
      expect(quoteError(withOptions([{ optionId: 7, qty: 101 }], {})).code).to.equal('invalid_quantity');
      expect(quoteError({ ...baseInput(), asOf: '2025-04-01', target: {} }).code).to.equal('no_change');
    });

    it('reports unknown_option in the current selections before the target’s', () => {
      expect(
        quoteError(withOptions([{ optionId: 98, qty: 1 }], { options: [{ optionId: 99, qty: 1 }] })).field,
      ).to.equal('current.options[0].optionId');
    });
  });
});
