import { ValidationError } from '../errors.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Parses an age such as `30s`, `10m`, `2h`, `3d` or `1w` into milliseconds; `field` names the flag in the error.
 * @throws ValidationError for anything else
 */
export function parseDuration(text: string, field: string): number {
  const m = /^(\d{1,6})([smhdw])$/.exec(text.trim());
  if (!m)
    throw new ValidationError(`${field}: expected a duration such as 30s, 10m, 2h, 3d or 1w, got '${text}'`, [
      { field, message: 'expected a duration such as 10m, 2h or 3d' },
    ]);
  return Number(m[1]) * UNIT_MS[m[2]];
}

/** Renders milliseconds as its two largest units, e.g. `3d 4h`, `12m`, `40s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.floor(ms))}ms`;
  let rest = Math.floor(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return parts.slice(0, 2).join(' ');
}
