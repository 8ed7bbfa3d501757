import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogFormat } from '../config/config.js';

export type { Logger };

/**
 * Structured logs, one line per event. Secrets are removed by path as a second line of defence; the first is that
 * secrets never enter log calls (jobs carry ids, panel logs are redacted before they are written).
 *
 * @param stream Where lines go. @defaultValue `stdout` (the CLI's ops commands use `stderr`, keeping stdout for their output)
 * @param format `json` lines for machines, or `pretty` (pino-pretty) for a person at a terminal. @defaultValue `json`
 */
export function createLogger(
  level: string,
  name = 'upshift',
  stream: 'stdout' | 'stderr' = 'stdout',
  format: LogFormat = 'json',
): Logger {
  const options = {
    name,
    level,
    base: { pid: process.pid },
    redact: {
      paths: ['secret', '*.secret', 'password', '*.password', 'authorization', '*.authorization', 'token', '*.token'],
      censor: '[redacted]',
    },
  };
  const fd = stream === 'stderr' ? 2 : 1;
  if (format === 'pretty') return pino(options, prettyStream(fd));
  return stream === 'stderr' ? pino(options, pino.destination({ fd: 2, sync: true })) : pino(options);
}

/**
 * pino-pretty in this thread, writing synchronously: lines appear in order with the process's other output and none is
 * lost at exit. Loaded only for `pretty`, so a JSON process never loads or runs it.
 */
function prettyStream(fd: 1 | 2): DestinationStream {
  const require = createRequire(import.meta.url);
  const { build } = require('pino-pretty') as typeof import('pino-pretty');
  const tty = (fd === 1 ? process.stdout : process.stderr).isTTY === true;
  // `urls` and `variable` are the start-up notices' fields for machines; their message already says the same in words,
  // so on a terminal each notice stays one line.
  return build({
    destination: fd,
    sync: true,
    colorize: tty,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,name,urls,variable',
  });
}
