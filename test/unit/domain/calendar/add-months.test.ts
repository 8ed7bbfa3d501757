import { expect } from 'chai';
import fc from 'fast-check';
import { addMonths } from '../../../../src/domain/calendar/add-months.js';
import { daysInMonth } from '../../../../src/domain/calendar/day-number.js';

describe('addMonths', () => {
  it('keeps a 31st anchor through short months: Jan 31 → Feb 28 → Mar 31', () => {
    expect(addMonths('2025-01-31', 1, 31)).to.equal('2025-02-28');
    expect(addMonths('2025-02-28', 1, 31)).to.equal('2025-03-31');
    expect(addMonths('2025-03-31', 1, 31)).to.equal('2025-04-30');
    expect(addMonths('2025-04-30', 1, 31)).to.equal('2025-05-31');
  });

  it('clamps to Feb 29 in leap years', () => {
    expect(addMonths('2024-01-31', 1, 31)).to.equal('2024-02-29');
    expect(addMonths('2024-02-29', 12, 29)).to.equal('2025-02-28');
    expect(addMonths('2025-02-28', 12, 29)).to.equal('2026-02-28');
    expect(addMonths('2027-02-28', 12, 29)).to.equal('2028-02-29');
    expect(addMonths('2100-01-29', 1, 29)).to.equal('2100-02-28');
    expect(addMonths('2000-01-29', 1, 29)).to.equal('2000-02-29');
  });

  it('moves backwards and across years', () => {
    expect(addMonths('2025-03-31', -1, 31)).to.equal('2025-02-28');
    expect(addMonths('2025-01-15', -1, 15)).to.equal('2024-12-15');
    expect(addMonths('2026-03-31', -24, 31)).to.equal('2024-03-31');
    expect(addMonths('2025-11-30', 3, 30)).to.equal('2026-02-28');
    expect(addMonths('2025-02-10', 36, 10)).to.equal('2028-02-10');
    expect(addMonths('2025-05-05', 0, 5)).to.equal('2025-05-05');
  });

  it('sets the day from the anchor, not from the date', () => {
    expect(addMonths('2025-02-28', 1, 30)).to.equal('2025-03-30');
    expect(addMonths('2025-03-01', 1, 1)).to.equal('2025-04-01');
  });

  it('refuses bad arguments', () => {
    expect(() => addMonths('2025-02-30', 1, 1)).to.throw(RangeError, /not a YYYY-MM-DD date/);
    expect(() => addMonths('2025-1-01', 1, 1)).to.throw(RangeError);
    expect(() => addMonths('2025-01-01', 1.5, 1)).to.throw(RangeError, /integer/);
    expect(() => addMonths('2025-01-01', 1, 0)).to.throw(RangeError, /anchorDay/);
    expect(() => addMonths('2025-01-01', 1, 32)).to.throw(RangeError, /anchorDay/);
    expect(() => addMonths('9999-12-01', 1, 1)).to.throw(RangeError, /0001–9999/);
  });

  it('is undone by the opposite move for an anchored date', () => {
    const anchored = fc
      .record({
        year: fc.integer({ min: 1900, max: 2200 }),
        month: fc.integer({ min: 1, max: 12 }),
        anchor: fc.integer({ min: 1, max: 31 }),
      })
      .map(({ year, month, anchor }) => {
        const day = Math.min(anchor, daysInMonth(year, month));
        return { date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, anchor };
      });
    fc.assert(
      fc.property(anchored, fc.integer({ min: -120, max: 120 }), ({ date, anchor }, n) => {
        const moved = addMonths(date, n, anchor);
        expect(Number(moved.slice(8))).to.equal(
          Math.min(anchor, daysInMonth(Number(moved.slice(0, 4)), Number(moved.slice(5, 7)))),
        );
        expect(addMonths(moved, -n, anchor)).to.equal(date);
      }),
    );
  });
});
