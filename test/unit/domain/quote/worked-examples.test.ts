import { expect } from 'chai';
import { quote } from '../../../../src/domain/quote/quote.js';
import type { Quote } from '../../../../src/domain/quote/quote-output.js';
import { inputWith, money, optionDefinitions, productChange } from './quote-fixtures.js';

// The numeric vectors of reference/upgrade-semantics.md §4 that DESIGN §3 covers, with their published
// numbers. Where §3's rule gives another number than the example's system, the test asserts §3's number
// and says why; docs/QUOTE.md lists the same differences.

const fixed = { policy: { dayCount: 'fixed' as const } };

describe('quote: worked examples of upgrade-semantics.md §4', () => {
  describe('published examples (§4.1)', () => {
    it('P1 WHMCS API: 13 of 30 days, 30.00 → 10.00 monthly is −8.67 with no invoice', () => {
      const result = quote(productChange('2025-06-18', 'monthly', '2025-07-01', '30.00', 'monthly', '10.00'));
      expect(result).to.include({
        days: 13,
        totalDays: 30,
        direction: 'downgrade',
        timing: 'immediate',
        invoiceRequired: false,
        effectiveDate: '2025-06-18',
      });
      expect(money(result)).to.deep.equal({
        credit: '13.00',
        debit: '4.33',
        subtotal: '-8.67',
        discount: '0.00',
        total: '-8.67',
        creditToAccount: '8.67',
      });
      expect(result).to.include({ newRecurringAmount: '10.00', newNextDueDate: '2025-07-01' });
    });

    it('P2 Blesta: 4 of 28 February days, 1.00 → 25.01 is 3.43', () => {
      const result = quote(productChange('2015-02-25', 'monthly', '2015-03-01', '1.00', 'monthly', '25.01'));
      expect(result).to.include({ days: 4, totalDays: 28, subtotal: '3.43' });
    });

    it('P3 Blesta: 25.01 monthly → 350.00 triennially is −2.29 under §3 (Blesta −2.2955 counts 1096 days forward)', () => {
      // §3 keeps the anchor: the triennial period ending 2015-03-01 starts 2012-03-01 and has 1095 days.
      const result = quote(productChange('2015-02-25', 'monthly', '2015-03-01', '25.01', 'triennially', '350.00'));
      expect(result).to.include({ days: 4, totalDays: 28, newTotalDays: 1095, direction: 'downgrade' });
      expect(money(result)).to.include({ credit: '3.57', debit: '1.28', subtotal: '-2.29', creditToAccount: '2.29' });
    });

    it('P4 Blesta: 100.00 monthly prorated over 1 and 30 of 31 days is 3.23 and 96.77 (dates only, no noon cliff)', () => {
      const lastDay = quote(productChange('2015-01-31', 'monthly', '2015-02-01', '100.00', 'monthly', '0.00'));
      expect(lastDay).to.include({ days: 1, totalDays: 31, credit: '3.23', subtotal: '-3.23' });
      const secondDay = quote(productChange('2015-01-02', 'monthly', '2015-02-01', '100.00', 'monthly', '0.00'));
      expect(secondDay).to.include({ days: 30, totalDays: 31, credit: '96.77', subtotal: '-96.77' });
    });

    it('P5 Chargebee: Gold 30 → Silver 15 with 26 of 30 days left credits 13.00; the reverse pays 13.00', () => {
      const down = quote(productChange('2025-04-05', 'monthly', '2025-05-01', '30.00', 'monthly', '15.00'));
      expect(money(down)).to.deep.equal({
        credit: '26.00',
        debit: '13.00',
        subtotal: '-13.00',
        discount: '0.00',
        total: '-13.00',
        creditToAccount: '13.00',
      });
      expect(down.newRecurringAmount).to.equal('15.00');
      const up = quote(productChange('2025-04-05', 'monthly', '2025-05-01', '15.00', 'monthly', '30.00'));
      expect(money(up)).to.include({ credit: '13.00', debit: '26.00', total: '13.00' });
    });

    it('P6 Chargebee: 60 → 30 with 10 of 30 days left nets −10.00', () => {
      const result = quote(productChange('2025-04-21', 'monthly', '2025-05-01', '60.00', 'monthly', '30.00'));
      expect(money(result)).to.include({ credit: '20.00', debit: '10.00', total: '-10.00' });
    });

    it('P7 CloudBlue: 10 → 20 with 21 of 31 days left is 6.77 (actual) or 7.00 (fixed); CloudBlue’s 6.67 counts 20/30', () => {
      expect(quote(productChange('2025-05-11', 'monthly', '2025-06-01', '10.00', 'monthly', '20.00')).total).to.equal(
        '6.77',
      );
      expect(
        quote(productChange('2025-05-11', 'monthly', '2025-06-01', '10.00', 'monthly', '20.00', fixed)).total,
      ).to.equal('7.00');
    });

    it('P8/C16 Hostineer: annual 50 → 100 with 260 of 365 days is 35.62, rounding the net of unrounded amounts (not 71.23 − 35.62)', () => {
      const result = quote(productChange('2025-04-16', 'annually', '2026-01-01', '50.00', 'annually', '100.00'));
      expect(result).to.include({ days: 260, totalDays: 365 });
      expect(money(result)).to.include({ credit: '35.62', debit: '71.23', subtotal: '35.62', total: '35.62' });
    });

    it('P10 Stripe: 10 → 20 halfway is −5 + 10 = 5.00', () => {
      expect(
        money(quote(productChange('2025-04-16', 'monthly', '2025-05-01', '10.00', 'monthly', '20.00'))),
      ).to.include({ credit: '5.00', debit: '10.00', total: '5.00' });
    });

    it('P11 UniBee: 49 → 99 with 15 of 31 days is 24.19 (UniBee’s 24.15 rounds the per-day rate first, which §3 forbids)', () => {
      expect(quote(productChange('2025-01-17', 'monthly', '2025-02-01', '49.00', 'monthly', '99.00')).total).to.equal(
        '24.19',
      );
    });

    it('P12/C12 0.00/yr → 150.00/3 yr the same day: 49.95 actual, 50.00 fixed, 150.00 with a reset anchor', () => {
      const kept = quote(productChange('2025-01-01', 'annually', '2026-01-01', '0.00', 'triennially', '150.00'));
      expect(kept).to.include({
        days: 365,
        totalDays: 365,
        newTotalDays: 1096,
        total: '49.95',
        newNextDueDate: '2026-01-01',
      });
      expect(
        quote(productChange('2025-01-01', 'annually', '2026-01-01', '0.00', 'triennially', '150.00', fixed)).total,
      ).to.equal('50.00');
      const reset = quote(
        productChange('2025-01-01', 'annually', '2026-01-01', '0.00', 'triennially', '150.00', {
          policy: { billingAnchor: 'reset' },
        }),
      );
      expect(reset).to.include({ debit: '150.00', total: '150.00', newNextDueDate: '2028-01-01', newTotalDays: 1095 });
    });

    it('P13/C9 annual 65 → quarterly 55 the same day: WHMCS-style 153.21 (92-day quarter), fixed 158.06', () => {
      const kept = quote(productChange('2025-01-01', 'annually', '2026-01-01', '65.00', 'quarterly', '55.00'));
      expect(kept).to.include({
        days: 365,
        totalDays: 365,
        newTotalDays: 92,
        newNextDueDate: '2026-01-01',
        newBillingCycle: 'quarterly',
      });
      expect(money(kept)).to.include({ credit: '65.00', debit: '218.21', total: '153.21' });
      expect(
        quote(productChange('2025-01-01', 'annually', '2026-01-01', '65.00', 'quarterly', '55.00', fixed)).total,
      ).to.equal('158.06');
    });

    it('P13/C10 with a reset anchor: the requested 10.00 credit and renewal in 3 months', () => {
      for (const billingAnchor of ['reset', 'reset-on-cycle-change'] as const) {
        const result = quote(
          productChange('2025-01-01', 'annually', '2026-01-01', '65.00', 'quarterly', '55.00', {
            policy: { billingAnchor },
          }),
        );
        expect(money(result)).to.deep.equal({
          credit: '65.00',
          debit: '55.00',
          subtotal: '-10.00',
          discount: '0.00',
          total: '-10.00',
          creditToAccount: '10.00',
        });
        expect(result).to.include({
          newNextDueDate: '2025-04-01',
          newTotalDays: 90,
          timing: 'immediate',
          invoiceRequired: false,
        });
        // Direction compares daily rates at the kept anchor: 55/92 a day is more than 65/365.
        expect(result.direction).to.equal('upgrade');
      }
    });

    it('P14/C11 annual 30 → triennial 150, 6 months in: 10.06 kept (10.08 fixed); a reset charges a full triennium, 134.88, not the requested 110', () => {
      const kept = quote(productChange('2025-07-01', 'annually', '2026-01-01', '30.00', 'triennially', '150.00'));
      expect(kept).to.include({
        days: 184,
        totalDays: 365,
        newTotalDays: 1096,
        credit: '15.12',
        debit: '25.18',
        total: '10.06',
        newNextDueDate: '2026-01-01',
      });
      expect(
        quote(productChange('2025-07-01', 'annually', '2026-01-01', '30.00', 'triennially', '150.00', fixed)).total,
      ).to.equal('10.08');
      const reset = quote(
        productChange('2025-07-01', 'annually', '2026-01-01', '30.00', 'triennially', '150.00', {
          policy: { billingAnchor: 'reset' },
        }),
      );
      expect(reset).to.include({ credit: '15.12', debit: '150.00', total: '134.88', newNextDueDate: '2028-07-01' });
    });

    it('P15 ClientExec: 10 → 20 the same day is 10.00 due; 10 → 5 is 5.00 account credit', () => {
      expect(
        money(quote(productChange('2025-04-01', 'monthly', '2025-05-01', '10.00', 'monthly', '20.00'))),
      ).to.include({ total: '10.00', creditToAccount: '0.00' });
      expect(money(quote(productChange('2025-04-01', 'monthly', '2025-05-01', '10.00', 'monthly', '5.00')))).to.include(
        { total: '-5.00', creditToAccount: '5.00' },
      );
    });
  });

  describe('vectors computed from the WHMCS formula (§4.2)', () => {
    const cases: {
      id: string;
      input: Parameters<typeof productChange>;
      days: number;
      totalDays: number;
      actual: Partial<Quote>;
      fixedTotal: string;
    }[] = [
      {
        id: 'C1 February monthly',
        input: ['2025-02-10', 'monthly', '2025-03-01', '10.00', 'monthly', '25.00'],
        days: 19,
        totalDays: 28,
        actual: { credit: '6.79', debit: '16.96', total: '10.18' },
        fixedTotal: '9.50',
      },
      {
        id: 'C2 leap-year annual',
        input: ['2024-03-01', 'annually', '2024-12-31', '120.00', 'annually', '240.00'],
        days: 305,
        totalDays: 366,
        actual: { credit: '100.00', debit: '200.00', total: '100.00' },
        fixedTotal: '100.27',
      },
      {
        id: 'C5 day after renewal',
        input: ['2025-05-02', 'monthly', '2025-06-01', '10.00', 'monthly', '20.00'],
        days: 30,
        totalDays: 31,
        actual: { credit: '9.68', debit: '19.35', total: '9.68' },
        fixedTotal: '10.00',
      },
      {
        id: 'C6 downgrade',
        input: ['2025-07-11', 'monthly', '2025-08-01', '50.00', 'monthly', '20.00'],
        days: 21,
        totalDays: 31,
        actual: { credit: '33.87', debit: '13.55', total: '-20.32', creditToAccount: '20.32' },
        fixedTotal: '-21.00',
      },
      {
        id: 'C13 semi-annual',
        input: ['2025-04-15', 'semiannually', '2025-10-01', '60.00', 'semiannually', '90.00'],
        days: 169,
        totalDays: 183,
        actual: { credit: '55.41', debit: '83.11', total: '27.70' },
        fixedTotal: '28.17',
      },
      {
        id: 'C14 biennial, 31st anchor',
        input: ['2025-06-30', 'biennially', '2026-03-31', '200.00', 'biennially', '300.00'],
        days: 274,
        totalDays: 730,
        actual: { credit: '75.07', debit: '112.60', total: '37.53' },
        fixedTotal: '37.53',
      },
      {
        id: 'C15 31st anchor after a short February (15.48, not the 15.49 of rounding first)',
        input: ['2025-03-15', 'monthly', '2025-03-31', '10.00', 'monthly', '40.00'],
        days: 16,
        totalDays: 31,
        actual: { credit: '5.16', debit: '20.65', total: '15.48' },
        fixedTotal: '16.00',
      },
    ];
    for (const { id, input, days, totalDays, actual, fixedTotal } of cases) {
      it(`${id}: ${actual.total} actual, ${fixedTotal} fixed`, () => {
        const result = quote(productChange(...input));
        expect(result).to.include({
          days,
          totalDays,
          newTotalDays: totalDays,
          newNextDueDate: input[2],
          newRecurringAmount: input[5],
          ...actual,
        });
        const [asOf, cycle, due, old, newCycle, price] = input;
        expect(quote(productChange(asOf, cycle, due, old, newCycle, price, fixed)).total).to.equal(fixedTotal);
      });
    }

    it('C3 leap-day anchor: §3 measures 2024-02-29 → 2025-02-28 as 365 days, so 60.16 (the table’s 60.00 assumes 366)', () => {
      const input = productChange('2024-08-29', 'annually', '2025-02-28', '120.00', 'annually', '240.00');
      input.current.anchorDay = 29;
      const result = quote(input);
      expect(result).to.include({
        days: 183,
        totalDays: 365,
        credit: '60.16',
        debit: '120.33',
        total: '60.16',
        newNextDueDate: '2025-02-28',
      });
    });

    it('C4 on the due date: 0 days, nothing to pay (the unpaid-renewal guard that blocks it in WHMCS is the pipeline’s)', () => {
      const result = quote(productChange('2025-05-01', 'monthly', '2025-05-01', '10.00', 'monthly', '20.00'));
      expect(result).to.include({
        days: 0,
        totalDays: 30,
        total: '0.00',
        timing: 'immediate',
        invoiceRequired: false,
        effectiveDate: '2025-05-01',
        direction: 'upgrade',
      });
    });

    it('C6 without credit on downgrade: nothing goes to the account', () => {
      const result = quote(
        productChange('2025-07-11', 'monthly', '2025-08-01', '50.00', 'monthly', '20.00', {
          policy: { creditOnDowngrade: false },
        }),
      );
      expect(result).to.include({ total: '-20.32', creditToAccount: '0.00', invoiceRequired: false });
    });

    it('C7 quantity option 2 → 5 units at 4.00 with 16 of 31 days: 6.19 (fixed 6.40)', () => {
      const input = inputWith({
        asOf: '2025-01-16',
        options: optionDefinitions(),
        current: { nextDueDate: '2025-02-01', recurringAmount: '18.00', options: [{ optionId: 7, qty: 2 }] },
        target: { options: [{ optionId: 7, qty: 5 }] },
      });
      const result = quote(input);
      expect(result).to.include({
        days: 16,
        totalDays: 31,
        credit: '4.13',
        debit: '10.32',
        total: '6.19',
        newRecurringAmount: '30.00',
      });
      expect(result.lines).to.deep.equal([{ description: 'Disk: 2 => 5', credit: '4.13', debit: '10.32' }]);
      expect(quote({ ...input, policy: { dayCount: 'fixed' } }).total).to.equal('6.40');
    });

    it('C8 free → 12.00 monthly: a full first cycle, due one month later', () => {
      const result = quote(
        inputWith({
          asOf: '2025-01-15',
          current: { billingCycle: 'free', nextDueDate: null, recurringAmount: '0.00' },
          target: { productId: 2, billingCycle: 'monthly', productPricing: { monthly: '12.00' } },
        }),
      );
      expect(result).to.include({
        days: null,
        totalDays: null,
        newTotalDays: null,
        credit: '0.00',
        debit: '12.00',
        total: '12.00',
        newNextDueDate: '2025-02-15',
        newBillingCycle: 'monthly',
      });
    });
  });

  describe('promotion and tax vectors (§4.3)', () => {
    const c1 = (changes: Parameters<typeof productChange>[6]): Quote =>
      quote(productChange('2025-02-10', 'monthly', '2025-03-01', '10.00', 'monthly', '25.00', changes));

    it('C17 10 % upgrade promotion on 10.18: discount 1.02, payable 9.16', () => {
      expect(money(c1({ promotion: { type: 'percent', value: '10' } }))).to.include({
        subtotal: '10.18',
        discount: '1.02',
        total: '9.16',
      });
    });

    it('C18 fixed 15.00 promotion on 10.18: payable 0.00, never negative, no invoice', () => {
      const result = c1({ promotion: { type: 'fixed', value: '15.00' } });
      expect(result).to.include({
        discount: '10.18',
        total: '0.00',
        creditToAccount: '0.00',
        invoiceRequired: false,
        timing: 'immediate',
      });
    });

    it('C19 lifetime 20 % on the new 25.00: recurring becomes 20.00 (the old recurring is ignored)', () => {
      const result = c1({ lifetimePromotion: { type: 'percent', value: '20' } });
      expect(result).to.include({ newRecurringAmount: '20.00', debit: '13.57', total: '6.79' });
    });

    it('C20 exclusive VAT 20 % on 9.16: tax 1.83, total 10.99', () => {
      const result = c1({ promotion: { type: 'percent', value: '10' }, tax: { rates: [{ name: 'VAT', rate: '20' }] } });
      expect(result.taxes).to.deep.equal([{ name: 'VAT', rate: '20', amount: '1.83' }]);
      expect(result.total).to.equal('10.99');
    });

    it('C21 inclusive VAT 20 % on 9.16: tax 1.53 inside, total stays 9.16', () => {
      const result = c1({
        promotion: { type: 'percent', value: '10' },
        tax: { inclusive: true, rates: [{ name: 'VAT', rate: '20' }] },
      });
      expect(result.taxes).to.deep.equal([{ name: 'VAT', rate: '20', amount: '1.53' }]);
      expect(result.total).to.equal('9.16');
    });

    it('C22 two levels 10 % + 5 % on 10.00: 11.50 plain, 11.55 compound', () => {
      const rates = [
        { name: 'State', rate: '10' },
        { name: 'City', rate: '5' },
      ];
      const sameDay = (compound: boolean): Quote =>
        quote(
          productChange('2025-04-01', 'monthly', '2025-05-01', '10.00', 'monthly', '20.00', {
            tax: { compound, rates },
          }),
        );
      const plain = sameDay(false);
      expect(plain.subtotal).to.equal('10.00');
      expect(plain.taxes.map((tax) => tax.amount)).to.deep.equal(['1.00', '0.50']);
      expect(plain.total).to.equal('11.50');
      const compound = sameDay(true);
      expect(compound.taxes.map((tax) => tax.amount)).to.deep.equal(['1.00', '0.55']);
      expect(compound.total).to.equal('11.55');
    });
  });
});
