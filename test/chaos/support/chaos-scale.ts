/**
 * `CHAOS_SHORT=1` (what CI sets) runs the scenarios that allow it with fewer upgrades, fewer kills and shorter
 * outages. It never changes a production timing: Upshift's retry schedules, stalled-job checks, slot leases and the
 * healing sweep's threshold stay what `upshift start` uses; only the load and the length of the fault shrink.
 */
export const CHAOS_SHORT = process.env.CHAOS_SHORT === '1' || process.env.CHAOS_SHORT === 'true';

/** `full` normally, `short` under CHAOS_SHORT. */
export function chaosSize(full: number, short: number): number {
  return CHAOS_SHORT ? short : full;
}
