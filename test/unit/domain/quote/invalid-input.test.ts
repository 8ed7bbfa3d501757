import { expect } from 'chai';
import { quote } from '../../../../src/domain/quote/quote.js';
import type { QuoteInput } from '../../../../src/domain/quote/quote-input.js';
import { baseInput, optionDefinitions, quoteError } from './quote-fixtures.js';

type Mutation = (input: QuoteInput & Record<string, unknown>) => void;

/** Each case breaks one field of a valid input and names the field the message must start with. */
const CASES: { field: string; says: RegExp; mutate: Mutation }[] = [
  {
    field: 'foo',
    says: /is not a known field/,
    mutate: (i) => {
      i.foo = 1;
    },
  },
  {
    field: 'asOf',
    says: /must be a YYYY-MM-DD date, got "2025-02-30"/,
    mutate: (i) => {
      i.asOf = '2025-02-30';
    },
  },
  {
    field: 'asOf',
    says: /got nothing/,
    mutate: (i) => {
      delete (i as Partial<QuoteInput>).asOf;
    },
  },
  {
    field: 'currency.decimals',
    says: /between 0 and 8, got 9/,
    mutate: (i) => {
      i.currency = { decimals: 9 };
    },
  },
  {
    field: 'currency.code',
    says: /three-letter ISO 4217 code/,
    mutate: (i) => {
      i.currency = { code: 'usd' };
    },
  },
  {
    field: 'currency.symbol',
    says: /is not a known field/,
    mutate: (i) => {
      i.currency = { symbol: '$' } as QuoteInput['currency'];
    },
  },
  {
    field: 'policy.dayCount',
    says: /one of actual, fixed, got "30\/360"/,
    mutate: (i) => {
      i.policy = { dayCount: '30/360' as 'fixed' };
    },
  },
  {
    field: 'policy.billingAnchor',
    says: /one of keep, reset, reset-on-cycle-change/,
    mutate: (i) => {
      i.policy = { billingAnchor: 'renew' as 'keep' };
    },
  },
  {
    field: 'policy.downgradeTiming',
    says: /one of immediate, end-of-term/,
    mutate: (i) => {
      i.policy = { downgradeTiming: 'later' as 'immediate' };
    },
  },
  {
    field: 'policy.creditOnDowngrade',
    says: /true or false, got "yes"/,
    mutate: (i) => {
      i.policy = { creditOnDowngrade: 'yes' as unknown as boolean };
    },
  },
  {
    field: 'options',
    says: /must be an array/,
    mutate: (i) => {
      i.options = {} as QuoteInput['options'];
    },
  },
  {
    field: 'options[0].type',
    says: /one of quantity, yesno, dropdown, radio/,
    mutate: (i) => {
      i.options![0].type = 'slider' as 'quantity';
    },
  },
  {
    field: 'options[0].pricing.weekly',
    says: /is not a billing cycle/,
    mutate: (i) => {
      (i.options![0].pricing as Record<string, string>).weekly = '1.00';
    },
  },
  {
    field: 'options[0].pricing.free',
    says: /the price at the free cycle is always 0/,
    mutate: (i) => {
      (i.options![0].pricing as Record<string, string>).free = '0.00';
    },
  },
  {
    field: 'options[1].pricing.monthly',
    says: /has more than 2 decimals: "3.005"/,
    mutate: (i) => {
      i.options![1].pricing!.monthly = '3.005';
    },
  },
  {
    field: 'options[1].pricing.monthly',
    says: /must not be negative/,
    mutate: (i) => {
      i.options![1].pricing!.monthly = '-3.00';
    },
  },
  {
    field: 'options[1].pricing',
    says: /is required/,
    mutate: (i) => {
      delete i.options![1].pricing;
    },
  },
  {
    field: 'options[1].min',
    says: /is for quantity options only/,
    mutate: (i) => {
      i.options![1].min = 0;
    },
  },
  {
    field: 'options[1].id',
    says: /repeats option id 7/,
    mutate: (i) => {
      i.options![1].id = 7;
    },
  },
  {
    field: 'options[0].max',
    says: /between 5 and/,
    mutate: (i) => {
      i.options![0].min = 5;
      i.options![0].max = 2;
    },
  },
  {
    field: 'options[0].choices',
    says: /is for dropdown and radio options only/,
    mutate: (i) => {
      i.options![0].choices = [];
    },
  },
  {
    field: 'options[2].pricing',
    says: /a dropdown or radio prices each choice/,
    mutate: (i) => {
      i.options![2].pricing = { monthly: '1.00' };
    },
  },
  {
    field: 'options[2].choices',
    says: /is required for dropdown and radio options/,
    mutate: (i) => {
      delete i.options![2].choices;
    },
  },
  {
    field: 'options[2].choices[1].id',
    says: /repeats choice id 91/,
    mutate: (i) => {
      i.options![2].choices![1].id = 91;
    },
  },
  {
    field: 'options[2].choices[0].name',
    says: /non-empty string/,
    mutate: (i) => {
      i.options![2].choices![0].name = ' ';
    },
  },
  {
    field: 'options[0].allowDowngrade',
    says: /true or false/,
    mutate: (i) => {
      i.options![0].allowDowngrade = 0 as unknown as boolean;
    },
  },
  {
    field: 'current',
    says: /must be a JSON object, got nothing/,
    mutate: (i) => {
      delete (i as Partial<QuoteInput>).current;
    },
  },
  {
    field: 'current.productId',
    says: /must be an integer, got "1"/,
    mutate: (i) => {
      i.current.productId = '1' as unknown as number;
    },
  },
  {
    field: 'current.productId',
    says: /between 1 and/,
    mutate: (i) => {
      i.current.productId = 0;
    },
  },
  {
    field: 'current.billingCycle',
    says: /one of monthly, quarterly/,
    mutate: (i) => {
      i.current.billingCycle = 'weekly' as 'monthly';
    },
  },
  {
    field: 'current.nextDueDate',
    says: /is required for a monthly service/,
    mutate: (i) => {
      i.current.nextDueDate = null;
    },
  },
  {
    field: 'current.nextDueDate',
    says: /YYYY-MM-DD/,
    mutate: (i) => {
      i.current.nextDueDate = '01/03/2025';
    },
  },
  {
    field: 'current.anchorDay',
    says: /between 1 and 31, got 32/,
    mutate: (i) => {
      i.current.anchorDay = 32;
    },
  },
  {
    field: 'current.anchorDay',
    says: /15 does not match current.nextDueDate 2025-03-01/,
    mutate: (i) => {
      i.current.anchorDay = 15;
    },
  },
  {
    field: 'current.recurringAmount',
    says: /must not be negative/,
    mutate: (i) => {
      i.current.recurringAmount = '-1.00';
    },
  },
  {
    field: 'current.recurringAmount',
    says: /has more than 2 decimals: "10.505"/,
    mutate: (i) => {
      i.current.recurringAmount = '10.505';
    },
  },
  {
    field: 'current.recurringAmount',
    says: /must be a decimal string such as "10.50", got 10/,
    mutate: (i) => {
      i.current.recurringAmount = 10 as unknown as string;
    },
  },
  {
    field: 'current.options[1].qty',
    says: /must be an integer, got "2"/,
    mutate: (i) => {
      i.current.options = [
        { optionId: 9, choiceId: 91 },
        { optionId: 7, qty: '2' as unknown as number },
      ];
    },
  },
  {
    field: 'current.options[0]',
    says: /either qty .* or choiceId/,
    mutate: (i) => {
      i.current.options = [{ optionId: 7, qty: 1, choiceId: 91 }];
    },
  },
  {
    field: 'current.options[0].choiceId',
    says: /is required: option 9 is a dropdown/,
    mutate: (i) => {
      i.current.options = [{ optionId: 9, qty: 1 }];
    },
  },
  {
    field: 'current.options[0].qty',
    says: /is required: option 8 is a yesno/,
    mutate: (i) => {
      i.current.options = [{ optionId: 8, choiceId: 1 }];
    },
  },
  {
    field: 'current.options[1].optionId',
    says: /repeats option 7/,
    mutate: (i) => {
      i.current.options = [
        { optionId: 7, qty: 1 },
        { optionId: 7, qty: 2 },
      ];
    },
  },
  {
    field: 'target',
    says: /must be a JSON object, got \[\]/,
    mutate: (i) => {
      i.target = [] as unknown as QuoteInput['target'];
    },
  },
  {
    field: 'target.billingCycle',
    says: /must be a recurring cycle or onetime, not free/,
    mutate: (i) => {
      i.target.billingCycle = 'free' as 'monthly';
    },
  },
  {
    field: 'target.billingCycle',
    says: /is required: the service is free/,
    mutate: (i) => {
      i.current = { ...i.current, billingCycle: 'free', nextDueDate: null };
    },
  },
  {
    field: 'target.productPricing.monthly',
    says: /has more than 2 decimals: "25.005"/,
    mutate: (i) => {
      i.target.productPricing = { monthly: '25.005' };
    },
  },
  {
    field: 'target.productPricing',
    says: /must be an object of prices by cycle/,
    mutate: (i) => {
      i.target.productPricing = '25.00' as unknown as QuoteInput['target']['productPricing'];
    },
  },
  {
    field: 'target.options[0].qty',
    says: /must be an integer, got 1.5/,
    mutate: (i) => {
      i.target.options = [{ optionId: 7, qty: 1.5 }];
    },
  },
  {
    field: 'target.productName',
    says: /non-empty string/,
    mutate: (i) => {
      i.target.productName = '';
    },
  },
  {
    field: 'promotion.type',
    says: /one of percent, fixed/,
    mutate: (i) => {
      i.promotion = { type: 'bogo' as 'fixed', value: '1' };
    },
  },
  {
    field: 'promotion.value',
    says: /at most 100, got "101"/,
    mutate: (i) => {
      i.promotion = { type: 'percent', value: '101' };
    },
  },
  {
    field: 'promotion.value',
    says: /non-negative decimal string/,
    mutate: (i) => {
      i.promotion = { type: 'percent', value: '-5' };
    },
  },
  {
    field: 'promotion.value',
    says: /has more than 2 decimals/,
    mutate: (i) => {
      i.promotion = { type: 'fixed', value: '1.005' };
    },
  },
  {
    field: 'promotion.appliesToUpgrades',
    says: /true or false/,
    mutate: (i) => {
      i.promotion = { type: 'fixed', value: '1', appliesToUpgrades: 'no' as unknown as boolean };
    },
  },
  {
    field: 'lifetimePromotion.value',
    says: /non-negative decimal string/,
    mutate: (i) => {
      i.lifetimePromotion = { type: 'percent', value: '20%' };
    },
  },
  {
    field: 'lifetimePromotion.appliesToUpgrades',
    says: /is not a known field/,
    mutate: (i) => {
      i.lifetimePromotion = {
        type: 'percent',
        value: '20',
        appliesToUpgrades: true,
      } as QuoteInput['lifetimePromotion'];
    },
  },
  {
    field: 'tax.rates',
    says: /is required/,
    mutate: (i) => {
      i.tax = {} as QuoteInput['tax'];
    },
  },
  {
    field: 'tax.rates',
    says: /has 3 rates; two levels at most/,
    mutate: (i) => {
      i.tax = {
        rates: [
          { name: 'A', rate: '1' },
          { name: 'B', rate: '2' },
          { name: 'C', rate: '3' },
        ],
      };
    },
  },
  {
    field: 'tax.rates',
    says: /inclusive tax allows one rate only/,
    mutate: (i) => {
      i.tax = {
        inclusive: true,
        rates: [
          { name: 'A', rate: '1' },
          { name: 'B', rate: '2' },
        ],
      };
    },
  },
  {
    field: 'tax.rates[0].rate',
    says: /non-negative decimal string .* got "abc"/,
    mutate: (i) => {
      i.tax = { rates: [{ name: 'VAT', rate: 'abc' }] };
    },
  },
  {
    field: 'tax.rates[1].name',
    says: /non-empty string/,
    mutate: (i) => {
      i.tax = {
        rates: [
          { name: 'A', rate: '1' },
          { name: '', rate: '2' },
        ],
      };
    },
  },
];

describe('quote: invalid_input names the field', () => {
  for (const { field, says, mutate } of CASES) {
    it(`${field}: ${says.source}`, () => {
      const input = { ...baseInput(), options: optionDefinitions() } as QuoteInput & Record<string, unknown>;
      mutate(input);
      const error = quoteError(input);
      expect(error.code).to.equal('invalid_input');
      expect(error.field).to.equal(field);
      expect(error.message.startsWith(`${field} `), error.message).to.equal(true);
      expect(error.message).to.match(says);
    });
  }

  it('refuses an input that is not an object', () => {
    for (const value of [null, [], 'quote', 42, undefined]) {
      const error = quoteError(value);
      expect(error.code).to.equal('invalid_input');
      expect(error.message).to.match(/^input must be a JSON object/);
    }
  });

  it('treats null as absent for optional fields', () => {
    const input = {
      ...baseInput(),
      currency: null,
      policy: null,
      options: null,
      promotion: null,
      lifetimePromotion: null,
      tax: null,
    };
    input.current = { ...input.current, anchorDay: null };
    expect(quote(input).total).to.equal('10.18');
  });

  it('keeps the error JSON to code and message', () => {
    const error = quoteError({ ...baseInput(), asOf: 'tomorrow' });
    expect(JSON.parse(JSON.stringify(error))).to.deep.equal({
      error: { code: 'invalid_input', message: 'asOf must be a YYYY-MM-DD date, got "tomorrow"' },
    });
    expect(error).to.be.instanceOf(Error);
    expect(error.name).to.equal('QuoteError');
  });
});
