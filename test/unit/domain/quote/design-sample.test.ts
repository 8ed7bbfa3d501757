import { expect } from 'chai';
import { quote } from '../../../../src/domain/quote/quote.js';
import type { QuoteInput } from '../../../../src/domain/quote/quote-input.js';

/** The sample input of DESIGN §3, verbatim. */
function designSampleInput(): QuoteInput {
  return {
    asOf: '2025-02-10',
    currency: { code: 'USD', decimals: 2 },
    policy: { dayCount: 'actual', billingAnchor: 'keep', downgradeTiming: 'immediate', creditOnDowngrade: true },
    options: [
      { id: 7, name: 'Disk', type: 'quantity', min: 0, max: 100, allowDowngrade: true, pricing: { monthly: '4.00' } },
      { id: 8, name: 'Backups', type: 'yesno', pricing: { monthly: '3.00' } },
      { id: 9, name: 'Location', type: 'dropdown', choices: [{ id: 91, name: 'EU', pricing: { monthly: '0.00' } }] },
    ],
    current: {
      productId: 1,
      billingCycle: 'monthly',
      nextDueDate: '2025-03-01',
      anchorDay: 1,
      recurringAmount: '10.00',
      options: [
        { optionId: 7, qty: 2 },
        { optionId: 9, choiceId: 91 },
      ],
    },
    target: {
      productId: 2,
      billingCycle: 'monthly',
      productPricing: { monthly: '25.00' },
      options: [{ optionId: 7, qty: 5 }],
    },
    promotion: { code: 'UP10', type: 'percent', value: '10', appliesToUpgrades: true },
    lifetimePromotion: { type: 'percent', value: '20' },
    tax: { taxable: true, inclusive: false, compound: false, rates: [{ name: 'VAT', rate: '20' }] },
  };
}

/** The sample output of DESIGN §3, verbatim. */
const DESIGN_SAMPLE_OUTPUT = {
  direction: 'upgrade',
  timing: 'on-payment',
  days: 19,
  totalDays: 28,
  newTotalDays: 28,
  credit: '6.79',
  debit: '16.96',
  subtotal: '10.18',
  discount: '1.02',
  taxes: [{ name: 'VAT', rate: '20', amount: '1.83' }],
  total: '10.99',
  creditToAccount: '0.00',
  invoiceRequired: true,
  newRecurringAmount: '25.00',
  newBillingCycle: 'monthly',
  newNextDueDate: '2025-03-01',
  effectiveDate: null,
  lines: [{ description: 'Starter => Pro (monthly)', credit: '6.79', debit: '16.96' }],
};

describe('quote: the sample of DESIGN §3', () => {
  it('prices the sample input by the rules of §3 (its printed output leaves out the options and the lifetime promotion)', () => {
    // L = 25.00 + Disk 5 × 4.00 + EU 0.00 = 45.00; lifetime 20 % → R_new = 36.00.
    // credit 10.00 × 19/28 = 6.7857; debit 36.00 × 19/28 = 24.4286; subtotal 17.64; 10 % off 1.76; VAT 20 % of 15.88 = 3.18.
    expect(quote(designSampleInput())).to.deep.equal({
      ...DESIGN_SAMPLE_OUTPUT,
      debit: '24.43',
      subtotal: '17.64',
      discount: '1.76',
      taxes: [{ name: 'VAT', rate: '20', amount: '3.18' }],
      total: '19.06',
      newRecurringAmount: '36.00',
      lines: [{ description: 'Product 1 => Product 2 (monthly)', credit: '6.79', debit: '24.43' }],
    });
  });

  it('reproduces the printed sample output exactly for the input it was computed from', () => {
    // The printed output is vector C1 + C17 + C20: Starter 10.00 → Pro 25.00 with no priced options and no lifetime promotion.
    const input = designSampleInput();
    input.current.productName = 'Starter';
    input.current.options = [{ optionId: 9, choiceId: 91 }];
    input.target.productName = 'Pro';
    delete input.target.options;
    delete input.lifetimePromotion;
    expect(quote(input)).to.deep.equal(DESIGN_SAMPLE_OUTPUT);
  });

  it('prints its fields in the order of the contract', () => {
    expect(Object.keys(quote(designSampleInput()))).to.deep.equal(Object.keys(DESIGN_SAMPLE_OUTPUT));
  });
});
