import { expect } from 'chai';
import { completionRate, thin } from '../../../bench/support/bench-charts.js';

describe('bench charts data', () => {
  it('turns completion times into a rate per bin, without a spike from a sliver of a last bin', () => {
    expect(completionRate([0.1, 0.2, 0.6, 1.2, 1.3, 1.4, 2.05], 1)).to.deep.equal([
      [0.5, 3],
      [1.5, 3],
    ]);
    expect(completionRate([], 1)).to.deep.equal([]);
  });

  it('thins a series evenly and keeps its last point', () => {
    const kept = thin(
      Array.from({ length: 1000 }, (_, i) => i),
      100,
    );
    expect(kept.length).to.be.at.most(101);
    expect(kept[0]).to.equal(0);
    expect(kept[kept.length - 1]).to.equal(999);
  });
});
