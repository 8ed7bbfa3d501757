import { createHash } from 'node:crypto';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { OpenApiDocument } from '../../src/api/openapi/build-openapi-document.js';
import { anyErrorBody } from '../../src/api/schemas/error-body.js';

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = addFormatsModule.default;

/** Paths the API serves that are not API operations: the reference page and the retry dashboard. */
export const OUTSIDE_THE_DOCUMENT = [/^\/docs(\/|$)/, /^\/admin(\/|$)/];

interface Operation {
  method: string;
  path: string;
  pattern: RegExp;
  templated: boolean;
  operation: { operationId: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks real HTTP answers against the OpenAPI document: the operation must list the status, the content type must be
 * the documented one, and a JSON body must validate (ajv, JSON Schema 2020-12 with formats) against the schema for
 * that operation and status — so a field the code sends but the document lacks, a missing field, or an error code the
 * operation does not list fails the test that received it. Answers to paths outside every operation (the router's 404,
 * the 401 in front of it) must be the API's error shape.
 */
export class OpenApiResponseValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...doc, $id: 'urn:upshift:openapi' });
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const pattern = new RegExp(
          `^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`,
        );
        this.operations.push({
          method: method.toUpperCase(),
          path,
          pattern,
          templated: path.includes('{'),
          operation: operation as Operation['operation'],
        });
      }
    }
    // Fixed paths win over templated ones, as in Fastify's router.
    this.operations.sort((a, b) => Number(a.templated) - Number(b.templated));
  }

  /** The documented operation for a request, if any. */
  find(method: string, url: string): Operation | undefined {
    const path = url.split('?')[0];
    return this.operations.find((o) => o.method === method.toUpperCase() && o.pattern.test(path));
  }

  /** Throws an Error describing every mismatch between `res` and the document. */
  check(method: string, url: string, res: LightMyRequestResponse): void {
    const path = url.split('?')[0];
    if (method.toUpperCase() === 'HEAD' || OUTSIDE_THE_DOCUMENT.some((p) => p.test(path))) return;
    const label = `${method.toUpperCase()} ${url} → ${res.statusCode}`;
    const op = this.find(method, path);
    if (!op) {
      const parsed = anyErrorBody.safeParse(safeJson(res.body));
      if (res.statusCode < 400 || !parsed.success)
        throw new Error(
          `${label}: no operation of the OpenAPI document matches, and the answer is not an API error: ${res.body.slice(0, 300)}`,
        );
      return;
    }
    const { operationId, responses } = op.operation;
    const status = String(res.statusCode);
    const documented = responses[status] ? status : responses[`${status[0]}XX`] ? `${status[0]}XX` : null;
    if (documented === null) {
      throw new Error(
        `${label}: ${operationId} does not list status ${status} in the OpenAPI document (it lists ${Object.keys(responses).join(', ')}): ${res.body.slice(0, 300)}`,
      );
    }
    const content = responses[documented].content ?? {};
    const contentType = String(res.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    if (Object.keys(content).length === 0) return;
    if (!content[contentType])
      throw new Error(
        `${label}: content type '${contentType}' is not the documented ${Object.keys(content).join(', ')} of ${operationId}`,
      );
    if (contentType !== 'application/json') return;
    const pointer = `urn:upshift:openapi#/paths/${escapePointer(op.path)}/${method.toLowerCase()}/responses/${escapePointer(documented)}/content/${escapePointer(contentType)}/schema`;
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: pointer });
      this.compiled.set(pointer, validate);
    }
    if (!validate(safeJson(res.body))) {
      const problems = (validate.errors ?? []).map(
        (e) =>
          `${e.instancePath || '(body)'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : ''}${e.params && 'allowedValues' in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`,
      );
      throw new Error(
        `${label}: the body does not match the OpenAPI schema of ${operationId} ${documented}:\n  ${problems.join('\n  ')}\nbody: ${res.body.slice(0, 600)}`,
      );
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const validators = new Map<string, OpenApiResponseValidator>();

/** One validator per distinct document (compiling is the costly part; every harness serves the same document). */
export function responseValidatorFor(doc: OpenApiDocument): OpenApiResponseValidator {
  const key = createHash('sha256').update(JSON.stringify(doc)).digest('hex');
  let validator = validators.get(key);
  if (!validator) {
    validator = new OpenApiResponseValidator(doc);
    validators.set(key, validator);
  }
  return validator;
}

/**
 * Makes every `app.inject` of a test go through {@link OpenApiResponseValidator}: the answer is returned only when it
 * matches the app's own OpenAPI document, else the call throws and the test that made it fails. Call after
 * `app.ready()`. The API and pipeline harnesses install it, so every integration test that calls the API checks the
 * document too.
 */
export function validateResponses(app: FastifyInstance): OpenApiResponseValidator {
  const validator = responseValidatorFor(app.openapiDocument());
  const inject = app.inject.bind(app) as (opts: InjectOptions | string) => Promise<LightMyRequestResponse>;
  const checked = async (opts: InjectOptions | string): Promise<LightMyRequestResponse> => {
    const res = await inject(opts);
    const method = typeof opts === 'string' ? 'GET' : (opts.method ?? 'GET');
    const url = typeof opts === 'string' ? opts : typeof opts.url === 'string' ? opts.url : '/';
    validator.check(String(method), url, res);
    return res;
  };
  Object.defineProperty(app, 'inject', { value: checked, configurable: true, writable: true });
  return validator;
}
