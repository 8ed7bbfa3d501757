import { expect } from 'chai';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerApiDescription } from '../../../src/api/openapi/register-api-description.js';
import { defineRoute, registerRoute } from '../../../src/api/route-spec.js';
import { toErrorResponse } from '../../../src/api/error-response.js';
import { BusinessRuleError, ConflictError } from '../../../src/app/errors.js';
import { validateResponses } from '../../support/openapi-response-validator.js';

/**
 * The response validation the integration harnesses install: a response that differs from the document — an extra
 * field, a missing one, a status or an error code the operation does not list, another content type — fails the call.
 */
describe("OpenAPI response validation (the harnesses' inject wrapper)", () => {
  let app: FastifyInstance;
  let answer: unknown;
  before(async () => {
    app = Fastify();
    app.setErrorHandler(async (err, _req, reply) => {
      const { status, body } = toErrorResponse(err);
      return reply.code(status).send(body);
    });
    await registerApiDescription(app);
    registerRoute(
      app,
      defineRoute({
        method: 'GET',
        url: '/health',
        operationId: 'thing',
        tag: 'Operations',
        roles: 'public',
        summary: 'A test route',
        response: z.strictObject({ status: z.literal('ok'), n: z.number().int().optional() }),
        responseDescription: 'ok',
        // The handler answers whatever the test sets, to play a route whose code drifted from its schema.
        handler: async ({ reply }) => {
          if (answer instanceof Error) throw answer;
          if (typeof answer === 'string') void reply.type('text/plain');
          return answer as { status: 'ok' };
        },
      }),
    );
    registerRoute(
      app,
      defineRoute({
        method: 'GET',
        url: '/metrics',
        operationId: 'other',
        tag: 'Operations',
        roles: 'public',
        summary: 'Another test route',
        response: z.strictObject({ a: z.string() }),
        responseDescription: 'ok',
        errors: ['promotion_code_taken'],
        handler: async () => {
          throw answer as Error;
        },
      }),
    );
    await app.ready();
    validateResponses(app);
  });
  after(async () => {
    await app.close();
  });

  const call = (url = '/health') => app.inject({ method: 'GET', url });

  it('lets a documented answer through', async () => {
    answer = { status: 'ok', n: 3 };
    expect((await call()).statusCode).to.equal(200);
    answer = new ConflictError('promotion_code_taken', 'taken');
    expect((await call('/metrics')).statusCode).to.equal(409);
  });

  it('fails on a field the schema does not have, a missing or mistyped field', async () => {
    answer = { status: 'ok', extra: true };
    await expectFailure(call(), "must NOT have additional properties 'extra'");
    answer = { n: 1 };
    await expectFailure(call(), "must have required property 'status'");
    answer = { status: 'ok', n: '3' };
    await expectFailure(call(), '/n must be integer');
  });

  it('fails on a status or an error code the operation does not list', async () => {
    answer = new BusinessRuleError('currency_mismatch', 'no');
    await expectFailure(call(), 'does not list status 422');
    answer = new ConflictError('upgrade_open', 'open');
    await expectFailure(
      call('/metrics'),
      '/error/code must be equal to one of the allowed values ["promotion_code_taken"]',
    );
  });

  it('fails on another content type than the documented one', async () => {
    answer = 'plain text';
    await expectFailure(call(), "content type 'text/plain' is not the documented application/json");
  });
});

async function expectFailure(call: Promise<unknown>, message: string): Promise<void> {
  let error: Error | null = null;
  try {
    await call;
  } catch (err) {
    error = err as Error;
  }
  expect(error?.message ?? 'it passed', 'the validator should have refused the answer').to.include(message);
}
