import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs, one line per event. Secrets are removed by path as a second line of defence; the
 * first is that secrets never enter log calls (jobs carry ids, panel logs are redacted before they are written).
 * `stream`: where lines go. @defaultValue `stdout` (the CLI's ops commands use `stderr`, keeping stdout for their output)
 */
export function createLogger(level: string, name = 'upshift', stream: 'stdout' | 'stderr' = 'stdout'): Logger {
  const options = {
    name,
    level,
    base: { pid: process.pid },
    redact: { paths: ['secret', '*.secret', 'password', '*.password', 'authorization', '*.authorization', 'token', '*.token'], censor: '[redacted]' },
  };
  return stream === 'stderr' ? pino(options, pino.destination({ fd: 2, sync: true })) : pino(options);
}
