import { expect } from 'chai';
import {
  cycleMonths,
  fixedCycleDays,
  isRecurringCycle,
  type RecurringCycle,
} from '../../../../src/domain/calendar/billing-cycle.js';
import { isoDateToDayNumber } from '../../../../src/domain/calendar/iso-date.js';
import { periodFrom, periodLength } from '../../../../src/domain/calendar/period-length.js';

const day = (text: string): number => isoDateToDayNumber(text) as number;

describe('billing cycles and period lengths', () => {
  it('maps cycles to months and fixed days', () => {
    const cycles: RecurringCycle[] = ['monthly', 'quarterly', 'semiannually', 'annually', 'biennially', 'triennially'];
    expect(cycles.map(cycleMonths)).to.deep.equal([1, 3, 6, 12, 24, 36]);
    expect(cycles.map(fixedCycleDays)).to.deep.equal([30, 90, 180, 365, 730, 1095]);
    expect(isRecurringCycle('free')).to.equal(false);
    expect(isRecurringCycle('onetime')).to.equal(false);
    expect(() => cycleMonths('free' as RecurringCycle)).to.throw(RangeError, /not a recurring/);
  });

  it('measures the actual period ending on the due date', () => {
    expect(periodLength('monthly', day('2025-03-01'), 1, 'actual')).to.equal(28);
    expect(periodLength('monthly', day('2024-03-01'), 1, 'actual')).to.equal(29);
    expect(periodLength('monthly', day('2025-03-31'), 31, 'actual')).to.equal(31); // from Feb 28
    expect(periodLength('monthly', day('2025-02-28'), 31, 'actual')).to.equal(28); // from Jan 31
    expect(periodLength('quarterly', day('2026-01-01'), 1, 'actual')).to.equal(92);
    expect(periodLength('semiannually', day('2025-10-01'), 1, 'actual')).to.equal(183);
    expect(periodLength('annually', day('2024-12-31'), 31, 'actual')).to.equal(366);
    expect(periodLength('annually', day('2025-02-28'), 29, 'actual')).to.equal(365); // from 2024-02-29
    expect(periodLength('biennially', day('2026-03-31'), 31, 'actual')).to.equal(730);
    expect(periodLength('triennially', day('2026-01-01'), 1, 'actual')).to.equal(1096);
  });

  it('uses the nominal length under the fixed day count', () => {
    expect(periodLength('monthly', day('2025-03-01'), 1, 'fixed')).to.equal(30);
    expect(periodLength('annually', day('2024-12-31'), 31, 'fixed')).to.equal(365);
  });

  it('measures a period that starts today, anchored on today', () => {
    expect(periodFrom('quarterly', day('2025-01-01'), 1, 'actual')).to.deep.equal({
      end: day('2025-04-01'),
      length: 90,
    });
    expect(periodFrom('monthly', day('2025-01-31'), 31, 'actual')).to.deep.equal({
      end: day('2025-02-28'),
      length: 28,
    });
    expect(periodFrom('monthly', day('2025-01-31'), 31, 'fixed')).to.deep.equal({ end: day('2025-02-28'), length: 30 });
  });
});
