import { expect } from 'chai';
import fc from 'fast-check';
import { addMonths } from '../../../../src/domain/calendar/add-months.js';
import { cycleMonths, type RecurringCycle } from '../../../../src/domain/calendar/billing-cycle.js';
import { daysInMonth } from '../../../../src/domain/calendar/day-number.js';
import { dayNumberToIsoDate, isoDateToDayNumber } from '../../../../src/domain/calendar/iso-date.js';
import { formatMoney, parseMoney } from '../../../../src/domain/money.js';
import { quote } from '../../../../src/domain/quote/quote.js';
import type { QuoteInput } from '../../../../src/domain/quote/quote-input.js';
import type { Quote } from '../../../../src/domain/quote/quote-output.js';
import { QuoteError } from '../../../../src/domain/quote-error.js';
import { optionDefinitions } from './quote-fixtures.js';

const RECURRING: RecurringCycle[] = ['monthly', 'quarterly', 'semiannually', 'annually', 'biennially', 'triennially'];
const cycle = fc.constantFrom(...RECURRING);
const amount = fc.bigInt({ min: 0n, max: 10n ** 8n });

/** A recurring service on `asOf` somewhere in its current period (from the previous due date to the next). */
const service = fc
  .record({
    cycle,
    year: fc.integer({ min: 2000, max: 2098 }),
    month: fc.integer({ min: 1, max: 12 }),
    anchor: fc.integer({ min: 1, max: 31 }),
    used: fc.double({ min: 0, max: 1, noNaN: true }),
    recurring: amount,
    decimals: fc.integer({ min: 0, max: 4 }),
    dayCount: fc.constantFrom('actual' as const, 'fixed' as const),
  })
  .map((s) => {
    const nextDueDate = `${s.year}-${String(s.month).padStart(2, '0')}-${String(Math.min(s.anchor, daysInMonth(s.year, s.month))).padStart(2, '0')}`;
    const due = isoDateToDayNumber(nextDueDate)!;
    const start = isoDateToDayNumber(addMonths(nextDueDate, -cycleMonths(s.cycle), s.anchor))!;
    // `used` only picks a day of the period; no amount is derived from it.
    const asOf = dayNumberToIsoDate(start + Math.floor(s.used * (due - start)));
    return { ...s, nextDueDate, asOf, periodDays: due - start };
  });

type Service = typeof service extends fc.Arbitrary<infer T> ? T : never;

function change(
  s: Service,
  recurring: bigint,
  from: RecurringCycle,
  to: RecurringCycle,
  price: bigint,
  extra: Partial<QuoteInput> = {},
): QuoteInput {
  return {
    asOf: s.asOf,
    currency: { decimals: s.decimals },
    policy: { dayCount: s.dayCount },
    current: {
      productId: 1,
      billingCycle: from,
      nextDueDate: s.nextDueDate,
      anchorDay: s.anchor,
      recurringAmount: formatMoney(recurring, s.decimals),
    },
    target: { productId: 2, billingCycle: to, productPricing: { [to]: formatMoney(price, s.decimals) } },
    ...extra,
  };
}

const minor = (text: string, decimals: number): bigint => parseMoney(text, decimals, 'test');

describe('quote: properties', () => {
  it('a change to the same price and cycle nets zero, whatever the day', () => {
    fc.assert(
      fc.property(service, (s) => {
        const result = quote(change(s, s.recurring, s.cycle, s.cycle, s.recurring));
        expect(minor(result.subtotal, s.decimals)).to.equal(0n);
        expect(minor(result.total, s.decimals)).to.equal(0n);
        expect(result.credit).to.equal(result.debit);
        expect(result.direction).to.equal('upgrade');
      }),
    );
  });

  it('never credits more than the recurring amount within one actual period', () => {
    fc.assert(
      fc.property(service, cycle, amount, (s, to, price) => {
        const result = quote(change({ ...s, dayCount: 'actual' }, s.recurring, s.cycle, to, price));
        expect(result.days! <= result.totalDays!).to.equal(true);
        expect(minor(result.credit, s.decimals) <= s.recurring).to.equal(true);
        expect(minor(result.credit, s.decimals) >= 0n).to.equal(true);
      }),
    );
  });

  it('an upgrade followed by the reverse downgrade on the same day nets zero (actual and fixed)', () => {
    fc.assert(
      fc.property(service, cycle, amount, (s, to, price) => {
        const there = quote(change(s, s.recurring, s.cycle, to, price));
        const back = quote(change(s, minor(there.newRecurringAmount, s.decimals), to, s.cycle, s.recurring));
        expect(minor(there.subtotal, s.decimals) + minor(back.subtotal, s.decimals)).to.equal(0n);
        expect(back.newRecurringAmount).to.equal(formatMoney(s.recurring, s.decimals));
        expect(back.newNextDueDate).to.equal(s.nextDueDate);
        // Whatever one side charged, the other credits to the account.
        expect(minor(there.total, s.decimals) + minor(back.total, s.decimals)).to.equal(0n);
        expect(there.direction === 'upgrade' || back.direction === 'upgrade').to.equal(true);
      }),
    );
  });

  it('an option change followed by its reverse on the same day nets zero', () => {
    fc.assert(
      fc.property(service, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (s, from, to) => {
        fc.pre(from !== to);
        const options = optionDefinitions().map((option) => ({
          ...option,
          pricing: option.pricing && { [s.cycle]: '4.00' },
        }));
        const input = (qtyBefore: number, qtyAfter: number, recurring: string): QuoteInput => ({
          asOf: s.asOf,
          policy: { dayCount: s.dayCount },
          options: options.slice(0, 1),
          current: {
            productId: 1,
            billingCycle: s.cycle,
            nextDueDate: s.nextDueDate,
            anchorDay: s.anchor,
            recurringAmount: recurring,
            options: [{ optionId: 7, qty: qtyBefore }],
          },
          target: { options: [{ optionId: 7, qty: qtyAfter }] },
        });
        const there = quote(input(from, to, '1000.00'));
        const back = quote(input(to, from, there.newRecurringAmount));
        expect(minor(there.subtotal, 2) + minor(back.subtotal, 2)).to.equal(0n);
        expect(back.newRecurringAmount).to.equal('1000.00');
      }),
    );
  });

  it('rounds the net once: the subtotal is within one minor unit of debit − credit, and every amount has the currency’s decimals', () => {
    fc.assert(
      fc.property(service, cycle, amount, fc.option(fc.integer({ min: 0, max: 100 })), (s, to, price, promo) => {
        const extra: Partial<QuoteInput> = {
          promotion: promo === null ? null : { type: 'percent', value: String(promo) },
          tax: {
            compound: true,
            rates: [
              { name: 'A', rate: '7.5' },
              { name: 'B', rate: '3' },
            ],
          },
        };
        const result = quote(change(s, s.recurring, s.cycle, to, price, extra));
        const m = (text: string): bigint => minor(text, s.decimals);
        const drift = m(result.subtotal) - (m(result.debit) - m(result.credit));
        expect(drift >= -1n && drift <= 1n).to.equal(true);
        const pattern = s.decimals === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${s.decimals}}$`);
        for (const text of [
          result.credit,
          result.debit,
          result.subtotal,
          result.discount,
          result.total,
          result.creditToAccount,
          result.newRecurringAmount,
          ...result.taxes.map((t) => t.amount),
        ]) {
          expect(text).to.match(pattern);
        }
        const taxes = result.taxes.reduce((sum, tax) => sum + m(tax.amount), 0n);
        if (m(result.subtotal) > 0n) expect(m(result.total)).to.equal(m(result.subtotal) - m(result.discount) + taxes);
        else expect(result.total).to.equal(result.subtotal);
        expect(result.invoiceRequired).to.equal(m(result.total) > 0n);
        expect(m(result.creditToAccount) >= 0n).to.equal(true);
        expect(result.timing).to.equal(m(result.total) > 0n ? 'on-payment' : 'immediate');
      }),
    );
  });

  it('does not depend on the machine’s time zone', () => {
    const zones = ['UTC', 'Pacific/Kiritimati', 'America/Adak', 'Asia/Kathmandu', 'Australia/Lord_Howe'];
    const saved = process.env.TZ;
    try {
      fc.assert(
        fc.property(
          service,
          cycle,
          amount,
          fc.constantFrom('keep' as const, 'reset' as const),
          (s, to, price, billingAnchor) => {
            const input = change(s, s.recurring, s.cycle, to, price, {
              policy: { dayCount: s.dayCount, billingAnchor },
            });
            const results = zones.map((zone) => {
              process.env.TZ = zone;
              return JSON.stringify(quote(input));
            });
            expect(new Set(results).size).to.equal(1);
          },
        ),
        { numRuns: 50 },
      );
      // The zone really changed under the test: the same local midnight is a different instant in each.
      const offsets = zones.map((zone) => {
        process.env.TZ = zone;
        return new Date(2025, 0, 1).getTimezoneOffset();
      });
      expect(new Set(offsets).size).to.equal(zones.length);
    } finally {
      process.env.TZ = saved;
    }
  });

  it('is deterministic and leaves its input untouched', () => {
    const outcome = (input: QuoteInput): Quote | object => {
      try {
        return quote(input);
      } catch (error) {
        return (error as QuoteError).toJSON();
      }
    };
    fc.assert(
      fc.property(service, cycle, amount, (s, to, price) => {
        // The option prices have 2 decimals; a cycle they are not priced at gives price_unavailable, also deterministic.
        const input = change({ ...s, decimals: 2 }, s.recurring, s.cycle, to, price, {
          options: optionDefinitions(),
          target: {
            productId: 2,
            billingCycle: to,
            productPricing: { [to]: formatMoney(price, 2) },
            options: [{ optionId: 7, qty: 3 }],
          },
        });
        const copy = structuredClone(input);
        const first = outcome(input);
        expect(input).to.deep.equal(copy);
        expect(outcome(copy)).to.deep.equal(first);
      }),
    );
  });

  it('answers any JSON value with a Quote or a QuoteError, never anything else', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          quote(value);
        } catch (error) {
          expect(error).to.be.instanceOf(QuoteError);
        }
      }),
    );
  });
});
