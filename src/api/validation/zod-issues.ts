import type { z } from 'zod';
import type { FieldIssue } from '../../app/errors.js';

type Issue = z.core.$ZodIssue;

/** `['options', 0, 'qty']` → `options[0].qty`; an issue about the whole value is reported on `root`. */
export function fieldPath(path: readonly PropertyKey[], root: string): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? root : out;
}

/**
 * Flattens zod issues into one entry per field. An unknown key is reported on the key itself; of a union's
 * branches, the one that came closest (fewest issues) is reported, since that is the shape the caller meant.
 */
export function toFieldIssues(
  issues: readonly Issue[],
  root: string,
  prefix: readonly PropertyKey[] = [],
): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ field: fieldPath([...path, key], root), message: 'unknown field' });
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = issue.errors.reduce((best, branch) =>
        branchDistance(branch) < branchDistance(best) ? branch : best,
      );
      out.push(...toFieldIssues(closest, root, path));
    } else if (issue.code === 'invalid_key') {
      out.push({ field: fieldPath(path, root), message: issue.issues[0]?.message ?? issue.message });
    } else {
      out.push({ field: fieldPath(path, root), message: issue.message });
    }
  }
  return out;
}

/** How far a union branch is from the input: unknown keys on the object itself mean another shape was meant. */
function branchDistance(issues: readonly Issue[]): number {
  const wrongShape = issues.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0);
  return issues.length + (wrongShape ? 1000 : 0);
}

/** Per-parse error map: a missing value says "is required" rather than "expected string, received undefined". */
export const requiredMessage = (issue: { code?: string; input?: unknown }): string | undefined =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined;
