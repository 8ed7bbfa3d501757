import { expect } from 'chai';
import { decodeCursor, encodeCursor, filtersHash, pageLimit, toPage } from '../../../src/app/catalog/list-page.js';
import { ValidationError } from '../../../src/app/errors.js';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(ValidationError);
    return (err as ValidationError).details?.[0]?.field;
  }
  return undefined;
};

describe('list pages: the opaque cursor (DESIGN §4.2)', () => {
  it("round-trips the last row's key for the same filters, given in any order", () => {
    const cursor = encodeCursor(['2025-02-10T12:00:00.000Z', 42], { status: 'paid', clientId: 7 });
    expect(cursor).to.match(/^[A-Za-z0-9_-]+$/);
    expect(
      decodeCursor(cursor, { clientId: 7, status: 'paid', serviceId: undefined }, ['instant', 'id']),
    ).to.deep.equal(['2025-02-10T12:00:00.000Z', 42]);
    expect(filtersHash({ a: 1, b: new Date('2025-01-01T00:00:00Z') })).to.equal(
      filtersHash({ b: new Date('2025-01-01T00:00:00Z'), a: 1 }),
    );
  });

  it('refuses (400 on cursor) a cursor issued for other filters, a forged key and anything that is not a cursor', () => {
    const cursor = encodeCursor([42], { status: 'paid' });
    expect(fieldOf(() => decodeCursor(cursor, { status: 'unpaid' }, ['id']))).to.equal('cursor');
    expect(fieldOf(() => decodeCursor(cursor, {}, ['id']))).to.equal('cursor');
    expect(fieldOf(() => decodeCursor(encodeCursor([-1], {}), {}, ['id']))).to.equal('cursor');
    expect(fieldOf(() => decodeCursor(encodeCursor(['x', 1], {}), {}, ['instant', 'id']))).to.equal('cursor');
    expect(fieldOf(() => decodeCursor(Buffer.from('not json').toString('base64url'), {}, ['id']))).to.equal('cursor');
    expect(fieldOf(() => decodeCursor(encodeCursor([1, 2], {}), {}, ['id']))).to.equal('cursor');
  });

  it('cuts limit + 1 rows to a page with a next cursor after its last row, and none on the last page', () => {
    const rows = [{ id: 9 }, { id: 8 }, { id: 7 }];
    const full = toPage(rows, 2, (r) => [r.id], {});
    expect(full.rows).to.deep.equal([{ id: 9 }, { id: 8 }]);
    expect(decodeCursor(full.next!, {}, ['id'])).to.deep.equal([8]);
    expect(toPage(rows, 3, (r) => [r.id], {})).to.deep.equal({ rows, next: null });
    expect(pageLimit({})).to.equal(50);
    expect(fieldOf(() => pageLimit({ limit: 501 }))).to.equal('limit');
  });
});
