import { z } from 'zod';

/**
 * Every error code the API answers with, its HTTP status and what it means. The OpenAPI document lists, for each
 * route, the codes it may answer (the route's own `errors` plus the ones every route of its kind shares, see
 * {@link commonErrorCodes}); the integration tests check every error response they receive against that list.
 */
export const ERROR_CODES = {
  invalid_input: {
    status: 400,
    description: 'A field is missing, of the wrong type or format, out of range or unknown; `details` names each one',
  },
  invalid_json: {
    status: 400,
    description:
      'The body is not valid JSON, is empty with a JSON content type, or holds `__proto__`/`constructor` keys',
  },
  bad_request: {
    status: 400,
    description:
      'The request is malformed at the HTTP level: bad percent-encoding in the path, a Content-Length that does not match the body',
  },
  unauthorized: { status: 401, description: 'No bearer token, or not a configured one' },
  forbidden: { status: 403, description: "The token's role may not call the route, or may not act as staff" },
  not_found: { status: 404, description: 'No row with that id' },
  idempotency_key_reused: {
    status: 409,
    description: 'The Idempotency-Key was used before with another body or other path parameters',
  },
  idempotency_key_in_progress: {
    status: 409,
    description: 'A request with this Idempotency-Key is still running; retry later',
  },
  promotion_code_taken: {
    status: 409,
    description: 'A promotion with this code exists (codes are unique case-insensitively)',
  },
  upgrade_open: { status: 409, description: 'The service has an open upgrade order' },
  renewal_unpaid: {
    status: 409,
    description: 'The billing front-end reported an unpaid renewal invoice for the service',
  },
  service_not_active: { status: 409, description: 'Only active services can be upgraded' },
  not_cancellable: { status: 409, description: 'Only queued, invoiced or scheduled upgrades can be cancelled' },
  already_paid: { status: 409, description: "The upgrade's invoice is paid; the change will be applied" },
  duplicate_transaction: {
    status: 409,
    description: "The gateway's transaction id is already recorded on another invoice",
  },
  stale_state: {
    status: 409,
    description: 'Another process changed the order at the same moment; read it again and retry',
  },
  payload_too_large: { status: 413, description: 'The body is larger than the limit (1 MiB by default)' },
  uri_too_long: { status: 414, description: 'A path parameter is longer than 100 characters' },
  unsupported_media_type: { status: 415, description: 'The body is not `application/json`' },
  unknown_client: { status: 422, description: 'The referenced client does not exist' },
  unknown_product: { status: 422, description: 'The referenced product does not exist' },
  unknown_server: { status: 422, description: 'The referenced server does not exist' },
  server_type_mismatch: { status: 422, description: "The server's panel type is not the product's module" },
  server_not_allowed: { status: 422, description: 'The host name resolves outside PANEL_ALLOWED_NETWORKS' },
  unknown_email_template: { status: 422, description: 'No usable template of that name under templates/email/' },
  unknown_option: { status: 422, description: 'An option or choice the product does not have' },
  invalid_quantity: { status: 422, description: "A quantity outside the option's min/max" },
  option_downgrade_not_allowed: {
    status: 422,
    description: 'The option does not allow a cheaper choice or a lower quantity',
  },
  no_change: { status: 422, description: 'The target has the current product, cycle and options' },
  overdue: { status: 422, description: 'The service is past its next due date' },
  price_unavailable: { status: 422, description: 'A needed price is not defined in the currency and cycle' },
  unsupported_currency: { status: 422, description: 'The service is billed in a currency Upshift does not support' },
  target_not_allowed: {
    status: 422,
    description: "The product is not in the current product's upgrade targets (client orders)",
  },
  option_upgrades_not_allowed: {
    status: 422,
    description: 'The product does not let clients change configurable options',
  },
  promotion_invalid: {
    status: 422,
    description: 'The promotion code does not exist, expired, does not cover the product or has no uses left',
  },
  as_of_out_of_range: { status: 422, description: "`asOf` is outside the caller's billing-date window (DESIGN §4.1)" },
  currency_mismatch: { status: 422, description: "The payment's currency is not the invoice's" },
  paid_at_in_future: { status: 422, description: '`paidAt` is more than five minutes in the future' },
  internal_error: { status: 500, description: 'Anything else; the cause is logged, never sent' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One field-level problem (`details` of a 400 or 422). */
export const fieldIssue = z
  .strictObject({
    /** Dotted/bracket path (`options[0].qty`), `body` for the body as a whole, a path parameter's or header's name. */
    field: z.string().meta({ examples: ['pricing.USD.monthly'] }),
    message: z.string().meta({ examples: ['USD amounts have at most 2 decimals'] }),
  })
  .meta({ id: 'FieldIssue', description: 'What is wrong with one field' });

/** The one error body of every endpoint (DESIGN §4), with `code` limited to `codes` when given. */
export function errorBody(codes?: readonly ErrorCode[]) {
  const code = codes && codes.length > 0 ? z.enum(codes as [ErrorCode, ...ErrorCode[]]) : z.string();
  return z.strictObject({
    error: z.strictObject({
      code,
      /** A sentence for people; never parse it. */
      message: z.string(),
      details: z.array(fieldIssue).min(1).optional(),
    }),
  });
}

/** The error body without a restriction on `code`: the schema of the `Error` component. */
export const anyErrorBody = errorBody().meta({
  id: 'Error',
  description:
    'Every error has this shape: `code` for programs, `message` for people, `details` naming each offending field.',
});
