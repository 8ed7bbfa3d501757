import { parseJsonOutputFlags } from '../json-output-flags.js';
import type { CliCommand } from '../command.js';

const USAGE = `usage: upshift openapi [--compact]

Prints the API's OpenAPI 3.1 document (the one GET /openapi.json serves) on stdout, e.g.
  upshift openapi > openapi.json
It builds the API's routes without connecting to anything: no database, Redis or configuration needed.

options:
  --compact   print the JSON on one line instead of indented
  --help      show this help
`;

/** The API's routes built offline: a context whose connections are never opened (no route runs). */
async function describeApi(): Promise<unknown> {
  const [{ buildApiServer }, { loadConfig }, { createDataSource }, { systemClock }, { createLogger }] =
    await Promise.all([
      import('../../api/build-api-server.js'),
      import('../../config/load-config.js'),
      import('../../db/data-source.js'),
      import('../../app/clock.js'),
      import('../../observability/logger.js'),
    ]);
  const config = loadConfig({});
  const offline = (): never => {
    throw new Error('upshift openapi runs no request');
  };
  const app = await buildApiServer(
    {
      config,
      ds: createDataSource(config.databaseUrl), // created, never initialised: no connection is made
      jobs: { enqueue: async () => offline() },
      secrets: { encrypt: offline, decrypt: offline },
      clock: systemClock(config.billingTz),
      log: createLogger('silent'),
    },
    { readiness: async () => ({}) },
  );
  try {
    await app.ready();
    return app.openapiDocument();
  } finally {
    await app.close();
  }
}

export const command: CliCommand = {
  summary: 'print the OpenAPI 3.1 document of the HTTP API (no database needed)',
  async run(args: string[]): Promise<number> {
    const flags = parseJsonOutputFlags('openapi', args, USAGE);
    if ('exitCode' in flags) return flags.exitCode;
    const { compact } = flags;
    process.stdout.write(`${JSON.stringify(await describeApi(), null, compact ? undefined : 2)}\n`);
    return 0;
  },
};
