import type { CliCommand } from '../command.js';
import { EXIT_CONFIG, configOrExit } from '../config-or-exit.js';

export const command: CliCommand = {
  summary: 'create the database named in DATABASE_URL if missing and apply pending migrations',
  async run(args) {
    if (args.includes('--help')) {
      process.stdout.write(
        'usage: upshift migrate\n\nCreates the database in DATABASE_URL when it is missing, then applies every pending migration.\n',
      );
      return 0;
    }
    const config = configOrExit();
    if (!config) return EXIT_CONFIG;
    const { ensureDatabase, createDataSource } = await import('../../db/data-source.js');
    await ensureDatabase(config.databaseUrl);
    const ds = createDataSource(config.databaseUrl);
    await ds.initialize();
    try {
      const ran = await ds.runMigrations({ transaction: 'each' });
      process.stdout.write(ran.length ? ran.map((m) => `applied ${m.name}\n`).join('') : 'database is up to date\n');
    } finally {
      await ds.destroy();
    }
    return 0;
  },
};
