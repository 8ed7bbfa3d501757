// The frame the bench's hand-written SVG charts share: scales with round ticks, axes with labels and units, a title,
// a legend and reference markers. Plain SVG with presentation attributes only (no CSS, scripts or web fonts), on a
// white background: GitHub shows a committed SVG as an image, on a dark page too.

/** One entry of a chart's legend. */
export interface LegendEntry {
  label: string;
  color: string;
  dashed?: boolean;
}

/** A labelled reference line across the plot: a percentile on the x axis, a mean on the y axis. */
export interface ChartMarker {
  axis: 'x' | 'y';
  value: number;
  label: string;
}

/** What {@link chartFrame} draws around a plot. */
export interface FrameOptions {
  title: string;
  /** Under the title, smaller: what the chart leaves out, how it was binned. */
  note?: string;
  /** The x axis's label with its unit, e.g. "seconds since the first order (s)". */
  xLabel: string;
  yLabel: string;
  /** Data range on x; the axis is widened to round ticks. */
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  /** Whole-number steps on the y axis (counts: no "0.5 upgrades"). @defaultValue false */
  yIntegers?: boolean;
  legend?: readonly LegendEntry[];
  markers?: readonly ChartMarker[];
  /** @defaultValue 720 */
  width?: number;
  /** @defaultValue 360 */
  height?: number;
}

/** The plot area's scales and the SVG around it: put the data between `head` and `tail`. */
export interface Frame {
  x(value: number): number;
  y(value: number): number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  head: string;
  tail: string;
}

/** Colour-blind-safe (Okabe–Ito first), readable on white; series beyond ten reuse them. */
export const PALETTE = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#8C564B',
  '#7F7F7F',
  '#BCBD22',
] as const;

const FONT = 'font-family="-apple-system, \'Segoe UI\', Helvetica, Arial, sans-serif"';
/** Rough width of a 12 px character, to lay out the legend without measuring text. */
const CHAR_PX = 6.8;

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);
}

/** A coordinate with one decimal: enough for a screen, and it keeps the files small. */
export const px = (n: number) => (Math.round(n * 10) / 10).toString();

/** Splits `text` into lines of at most `chars` characters, at spaces (a longer word gets a line of its own). */
export function wrapText(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

/** 1, 2 or 5 × a power of ten, the smallest of those ≥ `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * (1 - 1e-9));
  return step ?? 10 * power;
}

/** About `count` round ticks covering [min, max]; the first and last tick are the axis's ends. */
export function niceTicks(min: number, max: number, count = 6, minStep = 0): number[] {
  if (!(max > min)) max = min + 1;
  const step = Math.max(minStep, niceStep((max - min) / count));
  const first = Math.floor(min / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v < max + step - 1e-9 * step; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks.length < 2) ticks.push(first + step);
  return ticks;
}

/** A tick label with as many decimals as the step needs, and thousands separators. */
export function formatTick(value: number, step: number): string {
  const decimals = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** The legend as rows of swatches that wrap at the chart's width; returns the SVG and the height it takes. */
function legendRows(entries: readonly LegendEntry[], left: number, width: number, y: number) {
  const parts: string[] = [];
  let [x, row] = [left, 0];
  for (const e of entries) {
    const w = 28 + e.label.length * CHAR_PX + 16;
    if (x + w > width - 8 && x > left) [x, row] = [left, row + 1];
    const ly = y + row * 18;
    parts.push(
      `<line x1="${px(x)}" y1="${px(ly - 4)}" x2="${px(x + 22)}" y2="${px(ly - 4)}" stroke="${e.color}" stroke-width="2.5"${e.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<text x="${px(x + 28)}" y="${px(ly)}" font-size="12" fill="#222">${escapeXml(e.label)}</text>`,
    );
    x += w;
  }
  return { svg: parts.join(''), height: entries.length === 0 ? 0 : (row + 1) * 18 };
}

/** Draws title, legend, grid, axes with their labels, and markers; the caller adds the data in between. */
export function chartFrame(o: FrameOptions): Frame {
  const width = o.width ?? 720;
  const height = o.height ?? 360;
  const left = 72;
  const right = width - 20;
  let top = 24;
  const header = [
    `<text x="${left}" y="${top}" font-size="15" font-weight="bold" fill="#111">${escapeXml(o.title)}</text>`,
  ];
  // 11.5 px text is about 6.3 px a character: wrap rather than run off the right edge.
  for (const line of o.note ? wrapText(o.note, Math.floor((width - left - 12) / 6.3)) : []) {
    top += 16;
    header.push(`<text x="${left}" y="${top}" font-size="11.5" fill="#555">${escapeXml(line)}</text>`);
  }
  const legend = legendRows(o.legend ?? [], left, width, top + 22);
  top += 14 + legend.height + 10;
  const bottom = height - 48;
  const xTicks = niceTicks(o.xDomain[0], o.xDomain[1]);
  const yTicks = niceTicks(Math.min(0, o.yDomain[0]), o.yDomain[1], 5, o.yIntegers ? 1 : 0);
  const [x0, x1] = [xTicks[0], xTicks[xTicks.length - 1]];
  const [y0, y1] = [yTicks[0], yTicks[yTicks.length - 1]];
  const x = (v: number) => left + ((v - x0) / (x1 - x0)) * (right - left);
  const y = (v: number) => bottom - ((v - y0) / (y1 - y0)) * (bottom - top);
  const xStep = xTicks[1] - xTicks[0];
  const yStep = yTicks[1] - yTicks[0];
  const grid = [
    ...yTicks.map(
      (t) =>
        `<line x1="${left}" y1="${px(y(t))}" x2="${right}" y2="${px(y(t))}" stroke="#e3e3e3"/>` +
        `<text x="${left - 6}" y="${px(y(t) + 4)}" font-size="11" fill="#333" text-anchor="end">${formatTick(t, yStep)}</text>`,
    ),
    ...xTicks.map(
      (t) =>
        `<line x1="${px(x(t))}" y1="${bottom}" x2="${px(x(t))}" y2="${bottom + 4}" stroke="#333"/>` +
        `<text x="${px(x(t))}" y="${bottom + 17}" font-size="11" fill="#333" text-anchor="middle">${formatTick(t, xStep)}</text>`,
    ),
    `<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#333"/>`,
    `<text x="${px((left + right) / 2)}" y="${height - 10}" font-size="12" fill="#222" text-anchor="middle">${escapeXml(o.xLabel)}</text>`,
    `<text transform="translate(16 ${px((top + bottom) / 2)}) rotate(-90)" font-size="12" fill="#222" text-anchor="middle">${escapeXml(o.yLabel)}</text>`,
  ];
  // Markers go over the data, labels staggered so that close ones (p95 next to p99) stay readable.
  const markers = (o.markers ?? []).map((m, i) => {
    const dash = 'stroke="#444" stroke-width="1.2" stroke-dasharray="4 3"';
    // A white halo keeps a label readable where it crosses a line (p99's over p95's marker).
    const halo = 'stroke="#ffffff" stroke-width="3" paint-order="stroke"';
    if (m.axis === 'x') {
      const mx = x(m.value);
      // Near the right edge the label goes on the line's left, where there is room.
      const label = mx > left + 0.7 * (right - left) ? `x="${px(mx - 4)}" text-anchor="end"` : `x="${px(mx + 4)}"`;
      return `<line x1="${px(mx)}" y1="${top}" x2="${px(mx)}" y2="${bottom}" ${dash}/><text ${label} y="${px(top + 12 + 14 * i)}" font-size="11" fill="#222" ${halo}>${escapeXml(m.label)}</text>`;
    }
    const my = px(y(m.value));
    return `<line x1="${left}" y1="${my}" x2="${right}" y2="${my}" ${dash}/><text x="${right - 4}" y="${px(y(m.value) - 4)}" font-size="11" fill="#222" text-anchor="end" ${halo}>${escapeXml(m.label)}</text>`;
  });
  return {
    x,
    y,
    left,
    right,
    top,
    bottom,
    head: [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
      `<title>${escapeXml(o.title)}</title>`,
      `<rect width="100%" height="100%" fill="#ffffff"/>`,
      ...header,
      legend.svg,
      ...grid,
      `<g>`,
    ].join('\n'),
    tail: ['</g>', ...markers, '</svg>', ''].join('\n'),
  };
}
