import type { UpshiftConfig } from '../config/config.js';
import { ConfigError } from '../config/config-error.js';
import { loadConfig } from '../config/load-config.js';

/** Exit code for a configuration error (EX_CONFIG from sysexits.h). */
export const EXIT_CONFIG = 78;

/**
 * Loads the configuration for a command. A bad value prints `upshift: configuration error: VAR: …` and
 * yields null, so the command exits {@link EXIT_CONFIG} before touching anything.
 */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): UpshiftConfig | null {
  try {
    const config = loadConfig(env);
    if (config.secretsKeyIsDevelopment) {
      process.stderr.write(
        'upshift: warning: SECRETS_KEY is not set; panel secrets use the built-in development key\n',
      );
    }
    return config;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`upshift: configuration error: ${err.message}\n`);
      return null;
    }
    throw err;
  }
}
