import { chartFrame, niceStep, PALETTE, px, type ChartMarker } from './svg-frame.js';

/** Options of {@link renderHistogram}. */
export interface HistogramOptions {
  title: string;
  /** A smaller line under the title; the values beyond `clipAbove` are counted in it. */
  note?: string;
  xLabel: string;
  /** @defaultValue 'upgrades' */
  yLabel?: string;
  values: readonly number[];
  /** Width of a bar in the values' unit. @defaultValue a round step giving about 40 bars up to `clipAbove` */
  binWidth?: number;
  /**
   * Values above this are not drawn, only counted in the note: one slow outlier would otherwise squeeze every bar
   * into the first few. @defaultValue the largest value (nothing clipped)
   */
  clipAbove?: number;
  markers?: readonly ChartMarker[];
  /** @defaultValue 720 */
  width?: number;
  /** @defaultValue 360 */
  height?: number;
}

const round = (v: number) => Number(v.toPrecision(10));

/** Counts per bin of `width` from 0 (bin k holds [k·width, (k+1)·width)); values below 0 go into the first. */
export function binCounts(values: readonly number[], width: number, upTo: number): number[] {
  const counts = new Array<number>(Math.max(1, Math.ceil(upTo / width - 1e-9))).fill(0);
  for (const v of values) {
    if (v > upTo) continue;
    counts[Math.min(counts.length - 1, Math.max(0, Math.floor(v / width)))] += 1;
  }
  return counts;
}

/** A histogram (counts per bin, x from 0) as a standalone SVG document. */
export function renderHistogram(o: HistogramOptions): string {
  const max = o.values.length ? Math.max(...o.values) : 1;
  const upTo = Math.min(max, o.clipAbove ?? max) || 1;
  const width = o.binWidth ?? niceStep(upTo / 40);
  const counts = binCounts(o.values, width, upTo);
  const clipped = o.values.filter((v) => v > upTo).length;
  const note = [
    o.note,
    clipped > 0
      ? `${clipped} of ${o.values.length} above ${upTo.toFixed(0)} not drawn (largest ${max.toFixed(0)})`
      : '',
  ]
    .filter(Boolean)
    .join('; ');
  const frame = chartFrame({
    ...o,
    note: note || undefined,
    yLabel: o.yLabel ?? 'upgrades',
    xDomain: [0, counts.length * width],
    yDomain: [0, Math.max(1, ...counts)],
    yIntegers: true,
  });
  const bars = counts
    .map((n, k) => {
      if (n === 0) return '';
      const [x0, x1] = [frame.x(k * width), frame.x((k + 1) * width)];
      const top = frame.y(n);
      return `<rect x="${px(x0 + 0.5)}" y="${px(top)}" width="${px(Math.max(0.5, x1 - x0 - 1))}" height="${px(frame.bottom - top)}" fill="${PALETTE[0]}"><title>${round(k * width)}–${round((k + 1) * width)}: ${n}</title></rect>`;
    })
    .filter(Boolean);
  return `${frame.head}\n${bars.join('\n')}\n${frame.tail}`;
}
