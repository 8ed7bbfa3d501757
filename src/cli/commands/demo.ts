import { parseArgs } from 'node:util';
import type { CliCommand } from '../command.js';
import { EXIT_CONFIG, configOrExit } from '../config-or-exit.js';

export const command: CliCommand = {
  summary: 'run a whole upgrade journey against fake panels on this machine (needs MariaDB and Redis)',
  async run(args) {
    if (args.includes('--help')) {
      process.stdout.write(
        'usage: upshift demo [--record-examples FILE]\n\nCreates its own database (on the DATABASE_URL server) and queue prefix, starts fake cPanel, Plesk and\nDirectAdmin servers, and walks three orders through the HTTP API and workers, printing each step.\nEmails go to the outbox folder (OUTBOX_DIR, default ./outbox). Everything else is removed at the end.\n\noptions:\n  --record-examples FILE  write the first request and answer of each API operation called to FILE\n                          (the OpenAPI examples: src/api/openapi/demo-examples.json)\n',
      );
      return 0;
    }
    let values: { 'record-examples'?: string };
    try {
      ({ values } = parseArgs({ args, options: { 'record-examples': { type: 'string' } }, strict: true }));
    } catch (err) {
      process.stderr.write(`upshift demo: ${(err as Error).message}\n`);
      return 1;
    }
    const config = configOrExit();
    if (!config) return EXIT_CONFIG;
    const { runDemo } = await import('../demo/run-demo.js');
    try {
      await runDemo(config, undefined, { recordExamples: values['record-examples'] });
      return 0;
    } catch (err) {
      process.stderr.write(`upshift demo failed: ${(err as Error).message}\n`);
      return 1;
    }
  },
};
