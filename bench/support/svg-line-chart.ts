import { chartFrame, escapeXml, PALETTE, px, type ChartMarker, type LegendEntry } from './svg-frame.js';

/** One line of a {@link renderLineChart}: points in data units, drawn in the order given. */
export interface LineSeries {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
  /** @defaultValue the next colour of the palette */
  color?: string;
  /** @defaultValue false */
  dashed?: boolean;
}

/** Options of {@link renderLineChart}. */
export interface LineChartOptions {
  title: string;
  /** A smaller line under the title. */
  note?: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
  markers?: readonly ChartMarker[];
  /**
   * Series named in the legend; with more (one line per panel server), the legend shows this many and says how many
   * lines there are, since twenty swatches would be a wall of colour. @defaultValue 8
   */
  legendLimit?: number;
  /** Whole-number steps on the y axis (counts). @defaultValue false */
  yIntegers?: boolean;
  /** Stroke width of the lines. @defaultValue 2 */
  strokeWidth?: number;
  /** @defaultValue 720 */
  width?: number;
  /** @defaultValue 360 */
  height?: number;
}

/** A line chart as a standalone SVG document; the y axis starts at 0. */
export function renderLineChart(o: LineChartOptions): string {
  const colored = o.series.map((s, i) => ({ ...s, color: s.color ?? PALETTE[i % PALETTE.length] }));
  const all = colored.flatMap((s) => s.points);
  const xs = all.map(([x]) => x);
  const ys = all.map(([, y]) => y);
  const limit = o.legendLimit ?? 8;
  const legend: LegendEntry[] = colored
    .slice(0, colored.length > limit ? limit - 1 : limit)
    .map((s) => ({ label: s.name, color: s.color, dashed: s.dashed }));
  if (colored.length > limit) legend.push({ label: `… ${colored.length} lines in all`, color: '#bbbbbb' });
  const frame = chartFrame({
    ...o,
    legend,
    xDomain: [xs.length ? Math.min(...xs) : 0, xs.length ? Math.max(...xs) : 1],
    yDomain: [0, ys.length ? Math.max(...ys) : 1],
  });
  const lines = colored.map((s) => {
    const points = s.points.map(([x, y]) => `${px(frame.x(x))},${px(frame.y(y))}`).join(' ');
    return (
      `<g><title>${escapeXml(s.name)}</title>` +
      `<polyline fill="none" stroke="${s.color}" stroke-width="${o.strokeWidth ?? 2}" stroke-linejoin="round"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${points}"/></g>`
    );
  });
  return `${frame.head}\n${lines.join('\n')}\n${frame.tail}`;
}
