import { expect } from 'chai';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { formatTick, niceStep, niceTicks, wrapText } from '../../../bench/support/svg-frame.js';
import { binCounts, renderHistogram } from '../../../bench/support/svg-histogram.js';
import { renderLineChart } from '../../../bench/support/svg-line-chart.js';

/** Parses the SVG, failing the test with the validator's message when it is not well-formed XML. */
function parseSvg(svg: string): Record<string, unknown> {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) expect.fail(`not well-formed: ${JSON.stringify(valid.err)}`);
  return new XMLParser({ ignoreAttributes: false }).parse(svg) as Record<string, unknown>;
}

describe('bench SVG charts', () => {
  it('draws a line chart with one polyline per series, its legend, axis labels and markers', () => {
    const svg = renderLineChart({
      title: 'Throughput <runs> & more',
      xLabel: 'seconds since the first order (s)',
      yLabel: 'upgrades completed per second (1/s)',
      series: [
        {
          name: 'run "a"',
          points: [
            [0, 0],
            [1, 50],
            [2, 60],
            [3, 58],
          ],
        },
        {
          name: 'run b',
          points: [
            [0, 0],
            [1, 20],
            [2, 30],
          ],
          dashed: true,
        },
      ],
      markers: [{ axis: 'y', value: 55, label: 'mean 55/s' }],
    });
    const doc = parseSvg(svg);
    expect(doc).to.have.property('svg');
    expect(svg.match(/<polyline /g)).to.have.length(2);
    expect(svg).to.contain('<title>run &quot;a&quot;</title>').and.to.contain('<title>run b</title>');
    expect(svg).to.contain('Throughput &lt;runs&gt; &amp; more');
    expect(svg).to.contain('seconds since the first order (s)').and.to.contain('upgrades completed per second (1/s)');
    expect(svg).to.contain('mean 55/s').and.to.contain('stroke-dasharray');
    // Four points of the first series, every coordinate a number inside the 720 × 360 canvas.
    const points = /points="([^"]+)"/
      .exec(svg)![1]
      .split(' ')
      .map((p) => p.split(',').map(Number));
    expect(points).to.have.length(4);
    for (const [x, y] of points) {
      expect(x).to.be.within(0, 720);
      expect(y).to.be.within(0, 360);
    }
    // y = 0 is drawn lower than y = 60 (SVG's y grows downwards).
    expect(points[0][1]).to.be.greaterThan(points[2][1]);
  });

  it('names the first series and the count when there are more than the legend shows', () => {
    const svg = renderLineChart({
      title: 'Panel writes',
      xLabel: 's',
      yLabel: 'writes',
      series: Array.from({ length: 20 }, (_, i) => ({ name: `server ${i + 1}`, points: [[0, 0], [1, i] as const] })),
      legendLimit: 6,
    });
    parseSvg(svg);
    expect(svg.match(/<polyline /g)).to.have.length(20);
    expect(svg).to.contain('… 20 lines in all');
    expect(svg).to.contain('<title>server 20</title>');
  });

  it('draws a histogram with its percentile markers and counts what it clips', () => {
    const values = [...Array.from({ length: 98 }, (_, i) => 10 + (i % 30)), 45, 900];
    const svg = renderHistogram({
      title: 'Payment → completion email',
      xLabel: 'latency (ms)',
      values,
      clipAbove: 100,
      markers: [
        { axis: 'x', value: 25, label: 'p50 25 ms' },
        { axis: 'x', value: 45, label: 'p99 45 ms' },
      ],
    });
    parseSvg(svg);
    expect(svg).to.contain('p50 25 ms').and.to.contain('p99 45 ms');
    expect(svg).to.contain('1 of 100 above 100 not drawn (largest 900)');
    const drawn = [...svg.matchAll(/<title>[\d.]+–[\d.]+: (\d+)<\/title>/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(drawn).to.equal(99);
  });

  it('bins values from 0, the top edge into the last bin', () => {
    expect(binCounts([0, 0.5, 1, 1.5, 2, 3], 1, 2)).to.deep.equal([2, 3]);
  });

  it('picks round steps and ticks that cover the data', () => {
    expect([0.7, 1, 1.1, 3, 7, 45].map(niceStep)).to.deep.equal([1, 1, 2, 5, 10, 50]);
    expect(niceTicks(0, 57)).to.deep.equal([0, 10, 20, 30, 40, 50, 60]);
    expect(niceTicks(0, 0.9)).to.deep.equal([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(formatTick(12000, 2000)).to.equal('12,000');
    expect(formatTick(0.25, 0.05)).to.equal('0.25');
  });

  it('wraps a note at spaces', () => {
    expect(wrapText('a bb ccc dddd', 6)).to.deep.equal(['a bb', 'ccc', 'dddd']);
    expect(wrapText('', 6)).to.deep.equal([]);
  });
});
