// The settings every bench script reads from the environment, and its progress line.

/** A positive number from the environment variable `name`, or `fallback` when it is unset. */
export function positiveEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!(value > 0)) throw new Error(`${name}: expected a positive number, got '${raw}'`);
  return value;
}

/** `BENCH_SCALE`: every batch size is multiplied by it (a quick look). @defaultValue 1 */
export const benchScale = (): number => positiveEnv('BENCH_SCALE', 1);

/** `BENCH_WORKERS`: `upshift start --workers all` processes per run. @defaultValue 1 */
export const benchWorkers = (): number => Math.round(positiveEnv('BENCH_WORKERS', 1));

/** One progress line, prefixed with the time of day (UTC). */
export const logLine = (line: string): void => {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
};
