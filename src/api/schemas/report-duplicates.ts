import type { z } from 'zod';

/** Adds an issue for every repeated non-null value of a list. */
export function reportDuplicates(values: ReadonlyArray<number | null>, path: string, ctx: z.RefinementCtx, key?: string): void {
  const seen = new Set<number>();
  values.forEach((v, i) => {
    if (v === null) return;
    if (seen.has(v)) ctx.addIssue({ code: 'custom', path: key ? [path, i, key] : [path, i], message: `${v} is listed twice` });
    seen.add(v);
  });
}
