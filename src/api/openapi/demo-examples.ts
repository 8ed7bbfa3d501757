import recorded from './demo-examples.json' with { type: 'json' };
import type { OperationExample } from './build-openapi-document.js';

/**
 * The reference's examples: the first request and answer of each operation in a real `upshift demo` run, recorded with
 * `upshift demo --record-examples src/api/openapi/demo-examples.json` (the server secret is redacted). `redocly lint`
 * (npm test) checks each one against its operation's schema, so a stale example fails the build.
 */
export const DEMO_EXAMPLES: Record<string, OperationExample> = recorded;

/** One exchange of the demo (src/cli/demo/demo-api.ts), as far as examples need it. */
export interface RecordedExchange {
  method: string;
  path: string;
  status: number;
  request?: unknown;
  response: unknown;
}

/** Values that must not be published as they were sent. */
function redact(operationId: string, request: unknown): unknown {
  if (operationId === 'createServer' && request !== null && typeof request === 'object')
    return { ...request, secret: '<the panel API token>' };
  return request;
}

/**
 * The examples of a demo run: for each operation of `paths` (an OpenAPI document's), the first successful exchange
 * whose method and path match it.
 */
export function examplesFromExchanges(
  paths: Record<string, Record<string, { operationId?: unknown }>>,
  exchanges: readonly RecordedExchange[],
): Record<string, OperationExample> {
  const operations = Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
      operationId: String(op.operationId),
    })),
  );
  const out: Record<string, OperationExample> = {};
  for (const e of exchanges) {
    if (e.status >= 300) continue;
    const op = operations.find((o) => o.method === e.method && o.pattern.test(e.path.split('?')[0]));
    if (!op || out[op.operationId]) continue;
    out[op.operationId] = {
      ...(e.request === undefined ? {} : { request: redact(op.operationId, e.request) }),
      response: e.response,
    };
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
