import { z } from 'zod';
import { AppError, type FieldIssue } from '../app/errors.js';
import { toFieldIssues } from './validation/zod-issues.js';

/** The one error body every endpoint returns (DESIGN §4). */
export interface ErrorBody {
  error: { code: string; message: string; details?: FieldIssue[] };
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
}

const body = (code: string, message: string, details?: FieldIssue[]): ErrorBody => ({
  error: details && details.length > 0 ? { code, message, details } : { code, message },
});

/** Fastify's own request errors (body parsing, content type, size) and the code we report for each. */
const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Only application/json request bodies are accepted',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', message: 'The request body is too large' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'invalid_json',
    message: 'The body is empty but Content-Type is application/json',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'bad_request',
    message: 'Content-Length does not match the body',
  },
  FST_ERR_BAD_URL: { status: 400, code: 'bad_request', message: 'The URL is not valid (bad percent-encoding)' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'uri_too_long', message: 'A path parameter is too long' },
};

/**
 * Maps anything thrown while handling a request to a status and a body. Only {@link AppError}s and the
 * framework's request errors carry their own message; everything else is a 500 whose message says nothing
 * about the cause (the cause is logged, never sent).
 */
export function toErrorResponse(err: unknown): ErrorResponse {
  if (err instanceof AppError) return { status: err.httpStatus, body: body(err.code, err.message, err.details) };
  if (err instanceof z.ZodError) {
    // A schema parsed without parseBody (e.g. inside a use case); parseBody throws ValidationError itself.
    const details = toFieldIssues(err.issues, 'body');
    return { status: 400, body: body('invalid_input', 'Invalid input', details) };
  }
  const e = err as { code?: unknown; statusCode?: unknown; name?: unknown } | null;
  const known = typeof e?.code === 'string' ? FASTIFY_CODES[e.code] : undefined;
  if (known) return { status: known.status, body: body(known.code, known.message) };
  // The JSON parser's SyntaxError and prototype-poisoning refusals arrive as 400s without an FST code.
  if (typeof e?.statusCode === 'number' && e.statusCode === 400) {
    return { status: 400, body: body('invalid_json', 'The request body is not valid JSON') };
  }
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: body('bad_request', 'The request could not be processed') };
  }
  return { status: 500, body: body('internal_error', 'Internal error') };
}
