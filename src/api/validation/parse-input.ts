import type { z } from 'zod';
import { ValidationError } from '../../app/errors.js';
import { requiredMessage, toFieldIssues } from './zod-issues.js';

function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string, root: string): z.output<S> {
  const result = schema.safeParse(value, { error: requiredMessage });
  if (result.success) return result.data;
  const details = toFieldIssues(result.error.issues, root);
  const first = details[0];
  const summary = first ? `${first.field}: ${first.message}` : 'invalid';
  throw new ValidationError(
    `Invalid ${what}: ${summary}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}`,
    details,
  );
}

/** Validates a request body; throws {@link ValidationError} (400 `invalid_input`) naming every bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return parseWith(schema, body ?? undefined, 'request body', 'body');
}

/** Validates route parameters (`:id` …); same errors as {@link parseBody}. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  return parseWith(schema, params, 'path parameter', 'params');
}

/** Validates the query string; same errors as {@link parseBody}. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  return parseWith(schema, query, 'query parameter', 'query');
}
