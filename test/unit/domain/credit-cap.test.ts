import { expect } from 'chai';
import fc from 'fast-check';
import { dayNumberToIsoDate, isoDateToDayNumber } from '../../../src/domain/calendar/iso-date.js';
import { capAccountCredit, type TermBalance } from '../../../src/domain/credit-cap.js';
import { formatMoney, parseMoney } from '../../../src/domain/money.js';
import { quote } from '../../../src/domain/quote/quote.js';
import type { OptionDefinitionInput, QuoteInput } from '../../../src/domain/quote/quote-input.js';
import { QuoteError } from '../../../src/domain/quote-error.js';

const m = (v: string) => parseMoney(v, 2, 'test');

describe('credit cap: a credit is never larger than what was paid for (DESIGN §2)', () => {
  it('the promotion loop of issue #11: 52.50 paid, 70.00 quoted back, 62.50 credited (10.00 billed + 52.50 paid)', () => {
    // Upgrade 0 → 100 units at 1.00/unit/month with 21 of 30 days left: debit 70.00, 25 % off → 52.50 paid.
    const up = capAccountCredit({
      credit: 0n,
      subtotal: m('70.00'),
      discount: m('17.50'),
      creditToAccount: 0n,
      startsNewTerm: false,
      term: { paidFor: m('10.00'), credited: 0n },
    });
    expect(up.accountCredit).to.equal(0n);
    expect(up.term).to.deep.equal({ paidFor: m('62.50'), credited: 0n });
    // Straight back down: the quote credits 70.00; the term holds 62.50.
    const down = capAccountCredit({
      credit: m('70.00'),
      subtotal: m('-70.00'),
      discount: 0n,
      creditToAccount: m('70.00'),
      startsNewTerm: false,
      term: up.term,
    });
    expect(down.accountCredit).to.equal(m('62.50'));
    // A second round: 52.50 more paid, and no more than that comes back.
    const up2 = capAccountCredit({
      credit: 0n,
      subtotal: m('70.00'),
      discount: m('17.50'),
      creditToAccount: 0n,
      startsNewTerm: false,
      term: down.term,
    });
    const down2 = capAccountCredit({
      credit: m('70.00'),
      subtotal: m('-70.00'),
      discount: 0n,
      creditToAccount: m('70.00'),
      startsNewTerm: false,
      term: up2.term,
    });
    expect(down2.accountCredit).to.equal(m('52.50'));
  });

  it('an honest downgrade is not capped: 100.00 → 10.00 with 21 of 30 days left credits 63.00', () => {
    const r = capAccountCredit({
      credit: m('70.00'),
      subtotal: m('-63.00'),
      discount: 0n,
      creditToAccount: m('63.00'),
      startsNewTerm: false,
      term: { paidFor: m('100.00'), credited: 0n },
    });
    expect(r.accountCredit).to.equal(m('63.00'));
    expect(r.term).to.deep.equal({ paidFor: m('100.00'), credited: m('63.00') });
  });

  it('a new term carries the unspent credit over: what goes to the account plus what opens the new term is what was unspent', () => {
    // Anchor reset: credit 30.00 of a fully paid term, new cycle 12.00 → 18.00 to the account, 12.00 opens the new term.
    const r = capAccountCredit({
      credit: m('30.00'),
      subtotal: m('-18.00'),
      discount: 0n,
      creditToAccount: m('18.00'),
      startsNewTerm: true,
      term: { paidFor: m('40.00'), credited: 0n },
    });
    expect(r.accountCredit).to.equal(m('18.00'));
    expect(r.newTerm).to.deep.equal({ paidFor: m('12.00'), credited: 0n });
    // The same change after a free (100 %) upgrade made the recurring amount bigger than what was paid: capped.
    const free = capAccountCredit({
      credit: m('30.00'),
      subtotal: m('-18.00'),
      discount: 0n,
      creditToAccount: m('18.00'),
      startsNewTerm: true,
      term: { paidFor: m('10.00'), credited: 0n },
    });
    expect(free.accountCredit).to.equal(m('10.00'));
    expect(free.newTerm).to.deep.equal({ paidFor: 0n, credited: 0n });
  });

  // ---- Property: any sequence of option upgrades/downgrades, product changes and promotions ----

  const options: OptionDefinitionInput[] = [
    {
      id: 7,
      name: 'Disk',
      type: 'quantity',
      min: 0,
      max: 100,
      pricing: { monthly: '1.00', quarterly: '2.70', annually: '10.00' },
    },
    { id: 8, name: 'Backups', type: 'yesno', pricing: { monthly: '3.00', quarterly: '8.00', annually: '30.00' } },
  ];
  const products: Record<number, Record<string, string>> = {
    1: { monthly: '10.00', quarterly: '27.00', annually: '100.00' },
    2: { monthly: '25.00', quarterly: '70.00', annually: '250.00' },
    3: { monthly: '4.00', quarterly: '11.00', annually: '40.00' },
  };
  const promotion = fc.option(
    fc.oneof(
      fc.constantFrom('10', '25', '50', '100').map((value) => ({ type: 'percent' as const, value })),
      fc.constantFrom('5.00', '20.00', '500.00').map((value) => ({ type: 'fixed' as const, value })),
    ),
    { nil: undefined },
  );
  const step = fc.record({
    wait: fc.integer({ min: 0, max: 6 }),
    productId: fc.constantFrom(1, 2, 3),
    cycle: fc.constantFrom('monthly', 'quarterly', 'annually'),
    disk: fc.integer({ min: 0, max: 100 }),
    backups: fc.integer({ min: 0, max: 1 }),
    promotion,
    optionsOnly: fc.boolean(),
  });
  const scenario = fc.record({
    billingAnchor: fc.constantFrom('keep' as const, 'reset' as const, 'reset-on-cycle-change' as const),
    lifetime: fc.constantFrom(undefined, '20'),
    steps: fc.array(step, { minLength: 1, maxLength: 12 }),
  });

  it('ends with credits to the account ≤ what was billed plus what was paid, in every term and overall', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        let service = {
          productId: 1,
          cycle: 'monthly',
          nextDueDate: '2025-03-31',
          recurring: '10.00',
          disk: 0,
          backups: 0,
        };
        let day = isoDateToDayNumber('2025-03-01')!;
        const terms = new Map<string, TermBalance>([
          [service.nextDueDate, { paidFor: m(service.recurring), credited: 0n }],
        ]);
        let paid = m(service.recurring);
        let credited = 0n;
        for (const s of sc.steps) {
          day += s.wait;
          const input: QuoteInput = {
            asOf: dayNumberToIsoDate(day),
            policy: { billingAnchor: sc.billingAnchor },
            options,
            current: {
              productId: service.productId,
              billingCycle: service.cycle as 'monthly',
              nextDueDate: service.nextDueDate,
              anchorDay: Number(service.nextDueDate.slice(8)),
              recurringAmount: service.recurring,
              options: [
                { optionId: 7, qty: service.disk },
                { optionId: 8, qty: service.backups },
              ],
            },
            target: s.optionsOnly
              ? {
                  options: [
                    { optionId: 7, qty: s.disk },
                    { optionId: 8, qty: s.backups },
                  ],
                }
              : {
                  productId: s.productId,
                  billingCycle: s.cycle,
                  productPricing: products[s.productId],
                  options: [
                    { optionId: 7, qty: s.disk },
                    { optionId: 8, qty: s.backups },
                  ],
                },
            promotion: s.promotion ? { ...s.promotion, appliesToUpgrades: true } : null,
            lifetimePromotion: sc.lifetime ? { type: 'percent', value: sc.lifetime } : null,
          };
          let q;
          try {
            q = quote(input);
          } catch (err) {
            if (err instanceof QuoteError) continue;
            throw err;
          }
          const term = terms.get(service.nextDueDate)!;
          const startsNewTerm = q.newNextDueDate !== service.nextDueDate;
          const r = capAccountCredit({
            credit: m(q.credit),
            subtotal: m(q.subtotal),
            discount: m(q.discount),
            creditToAccount: m(q.creditToAccount),
            startsNewTerm,
            term,
          });
          // Client pays the invoice (its base, before tax: there is no tax here).
          paid += m(q.subtotal) > 0n ? m(q.subtotal) - m(q.discount) : 0n;
          credited += r.accountCredit;
          expect(r.accountCredit <= m(q.creditToAccount) || m(q.creditToAccount) <= 0n).to.equal(true);
          terms.set(service.nextDueDate, r.term);
          if (r.newTerm && q.newNextDueDate) {
            const existing = terms.get(q.newNextDueDate) ?? { paidFor: 0n, credited: 0n };
            terms.set(q.newNextDueDate, { paidFor: existing.paidFor + r.newTerm.paidFor, credited: existing.credited });
          }
          service = {
            productId: s.optionsOnly ? service.productId : s.productId,
            cycle: q.newBillingCycle,
            nextDueDate: q.newNextDueDate!,
            recurring: q.newRecurringAmount,
            disk: s.disk,
            backups: s.backups,
          };
          for (const [end, t] of terms)
            expect(t.credited <= t.paidFor, `term ${end}: credited ${t.credited} > paid ${t.paidFor}`).to.equal(true);
        }
        expect(credited <= paid, `credited ${formatMoney(credited, 2)} > billed+paid ${formatMoney(paid, 2)}`).to.equal(
          true,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('without the cap the same kind of sequence mints money (so the property above can fail)', () => {
    // 100 % promotion up, then down: the quote alone credits 47.50 that nobody paid for.
    const base: QuoteInput = {
      asOf: '2025-03-12',
      options,
      current: {
        productId: 1,
        billingCycle: 'monthly',
        nextDueDate: '2025-03-31',
        recurringAmount: '10.00',
        options: [{ optionId: 7, qty: 0 }],
      },
      target: { options: [{ optionId: 7, qty: 100 }] },
      promotion: { type: 'percent', value: '100' },
    };
    const up = quote(base);
    expect(up.total).to.equal('0.00');
    const down = quote({
      ...base,
      promotion: null,
      current: { ...base.current, recurringAmount: up.newRecurringAmount, options: [{ optionId: 7, qty: 100 }] },
      target: { options: [{ optionId: 7, qty: 0 }] },
    });
    expect(m(down.creditToAccount) > m('10.00')).to.equal(true);
    const capped = capAccountCredit({
      credit: m(down.credit),
      subtotal: m(down.subtotal),
      discount: 0n,
      creditToAccount: m(down.creditToAccount),
      startsNewTerm: false,
      term: { paidFor: m('10.00'), credited: 0n },
    });
    expect(capped.accountCredit).to.equal(m('10.00'));
  });
});
