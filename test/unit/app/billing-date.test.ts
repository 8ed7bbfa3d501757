import { expect } from 'chai';
import { resolveBillingDate } from '../../../src/app/billing-date.js';
import { fixedClock } from '../../../src/app/clock.js';
import { BusinessRuleError, ValidationError } from '../../../src/app/errors.js';
import { loadConfig } from '../../../src/config/load-config.js';

describe('the billing date (DESIGN §4.1)', () => {
  const ctx = { clock: fixedClock('2025-03-01'), config: { ...loadConfig({}), staffAsOfWindowDays: 31 } };
  const refused = (asOf: string, role: 'staff' | 'storefront') => {
    try {
      resolveBillingDate(ctx, asOf, role);
    } catch (err) {
      return err as BusinessRuleError;
    }
    throw new Error(`${asOf} was accepted for ${role}`);
  };

  it('is today in BILLING_TZ when no asOf is sent, for every role', () => {
    for (const role of ['staff', 'storefront', 'gateway'] as const)
      expect(resolveBillingDate(ctx, undefined, role)).to.equal('2025-03-01');
  });

  it('lets the storefront send today or yesterday (across a month end), never earlier or later', () => {
    expect(resolveBillingDate(ctx, '2025-03-01', 'storefront')).to.equal('2025-03-01');
    expect(resolveBillingDate(ctx, '2025-02-28', 'storefront')).to.equal('2025-02-28');
    for (const asOf of ['2025-02-27', '2025-03-02', '2000-01-01']) {
      const err = refused(asOf, 'storefront');
      expect(err).to.be.instanceOf(BusinessRuleError).and.include({ code: 'as_of_out_of_range', httpStatus: 422 });
      expect(err.details).to.deep.equal([{ field: 'asOf', message: 'must be from 2025-02-28 to 2025-03-01' }]);
    }
  });

  it('lets staff go back STAFF_AS_OF_WINDOW_DAYS, never forward', () => {
    expect(resolveBillingDate(ctx, '2025-01-29', 'staff')).to.equal('2025-01-29');
    expect(refused('2025-01-28', 'staff').message).to.equal(
      'asOf 2025-01-28 is out of range: the staff role may price from 2025-01-29 to 2025-03-01 (the billing date is today in UTC)',
    );
    expect(refused('2025-03-02', 'staff').code).to.equal('as_of_out_of_range');
    const today = { ...ctx, config: { ...ctx.config, staffAsOfWindowDays: 0 } };
    expect(() => resolveBillingDate(today, '2025-02-28', 'staff')).to.throw(/may price only 2025-03-01/);
  });

  it('reports an impossible date as a 400 on asOf', () => {
    expect(() => resolveBillingDate(ctx, '2025-02-30', 'staff')).to.throw(ValidationError, /asOf/);
  });
});
