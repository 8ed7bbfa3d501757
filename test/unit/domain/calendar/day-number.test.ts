import { expect } from 'chai';
import fc from 'fast-check';
import { daysInMonth, isLeapYear } from '../../../../src/domain/calendar/day-number.js';
import { dayNumberToIsoDate, isoDateToDayNumber } from '../../../../src/domain/calendar/iso-date.js';

describe('calendar day numbers', () => {
  it('counts days from 1970-01-01', () => {
    expect(isoDateToDayNumber('1970-01-01')).to.equal(0);
    expect(isoDateToDayNumber('1969-12-31')).to.equal(-1);
    expect(isoDateToDayNumber('2000-03-01')).to.equal(11017);
    expect(isoDateToDayNumber('2025-03-01')! - isoDateToDayNumber('2025-02-10')!).to.equal(19);
    expect(isoDateToDayNumber('2025-01-01')! - isoDateToDayNumber('2024-01-01')!).to.equal(366);
    expect(isoDateToDayNumber('0001-01-01')).to.equal(-719162);
    expect(dayNumberToIsoDate(-719162)).to.equal('0001-01-01');
    expect(dayNumberToIsoDate(2932896)).to.equal('9999-12-31');
  });

  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2024, 2025, 2100].map(isLeapYear)).to.deep.equal([false, true, true, false, false]);
    expect(daysInMonth(2024, 2)).to.equal(29);
    expect(daysInMonth(2025, 2)).to.equal(28);
    expect(daysInMonth(2025, 4)).to.equal(30);
    expect(daysInMonth(2025, 12)).to.equal(31);
  });

  it('refuses dates that do not exist or are not YYYY-MM-DD', () => {
    for (const text of [
      '2025-02-29',
      '2025-04-31',
      '2025-13-01',
      '2025-00-10',
      '0000-01-01',
      '2025-1-01',
      '2025/01/01',
      '2025-01-01T00:00:00Z',
      '20250101',
      'abcd-ef-gh',
    ]) {
      expect(isoDateToDayNumber(text), text).to.equal(null);
    }
    expect(isoDateToDayNumber('2024-02-29')).to.not.equal(null);
  });

  it('round-trips every day and advances one day at a time', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719162, max: 2932895 }), (day) => {
        const text = dayNumberToIsoDate(day);
        expect(isoDateToDayNumber(text)).to.equal(day);
        const next = dayNumberToIsoDate(day + 1);
        expect(next > text).to.equal(true);
      }),
    );
  });
});
