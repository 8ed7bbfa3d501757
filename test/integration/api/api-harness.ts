import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../../src/app/app-context.js';
import { fixedClock } from '../../../src/app/clock.js';
import { buildApiServer, type BuildApiServerOptions } from '../../../src/api/build-api-server.js';
import type { UpshiftConfig } from '../../../src/config/config.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { createLogger } from '../../../src/observability/logger.js';
import { validateResponses } from '../../support/openapi-response-validator.js';
import { RecordingEnqueuer } from '../../support/recording-enqueuer.js';
import { testSecretCipher } from '../../support/test-secret-cipher.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

export const TOKEN = 'test-token-0123456789abcdef';
export const OTHER_TOKEN = 'other-token-0123456789abcdef';

/** A fresh database, an app context over it and the API server, for one spec file. */
export interface ApiHarness {
  db: TestDatabase;
  ctx: AppContext;
  jobs: RecordingEnqueuer;
  app: FastifyInstance;
  /** `app.inject` with the bearer token and a JSON body. */
  call(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startApiHarness(
  extra: Partial<BuildApiServerOptions> = {},
  config: Partial<UpshiftConfig> = {},
): Promise<ApiHarness> {
  const db = await createTestDatabase('api');
  const jobs = new RecordingEnqueuer();
  const ctx: AppContext = {
    ds: db.ds,
    config: { ...loadConfig({}), apiTokens: [TOKEN, OTHER_TOKEN], ...config },
    jobs,
    secrets: testSecretCipher,
    clock: fixedClock('2025-02-10'),
    log: createLogger('silent'),
  };
  const app = await buildApiServer(ctx, { readiness: async () => ({ database: true }), ...extra });
  await app.ready();
  // Every answer a test receives is checked against the API's own OpenAPI document.
  validateResponses(app);
  return {
    db,
    ctx,
    jobs,
    app,
    call: (method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${TOKEN}`, ...headers },
        ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
      }),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
