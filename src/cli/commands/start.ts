import { parseArgs } from 'node:util';
import { isQueueName, QUEUE_NAMES, type QueueName } from '../../queues/queue-names.js';
import type { CliCommand } from '../command.js';
import { EXIT_CONFIG, configOrExit } from '../config-or-exit.js';
import { startupNotices } from '../startup-notices.js';

const HELP = `usage: upshift start [--api] [--workers <queues|all>] [--shutdown-timeout <seconds>]

Runs the HTTP API and the workers (both by default). With --api only the API; with --workers only the
listed queues (comma-separated: ${QUEUE_NAMES.join(', ')}) or all of them. Creates and migrates the
database first. Run more 'upshift start --workers …' processes, on more machines, against the same Redis
and MySQL to scale out. SIGTERM or SIGINT: stop taking requests and jobs, finish running jobs within the
shutdown timeout (default 25 s), close connections, exit 0. A workers-only process serves /health, /ready
and /metrics on METRICS_PORT (default 9464; 0 turns it off).

Logs: JSON lines, or readable lines on a terminal (LOG_FORMAT=json|pretty to choose). At start it says
where the API, /docs, the dashboard and /metrics are, and warns when API_TOKENS is empty (every request 401).
`;

const OPTIONS = {
  api: { type: 'boolean' },
  workers: { type: 'string' },
  'shutdown-timeout': { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** Parses the flags (node:util parseArgs, like the other commands); returns an error message for bad ones. */
export function parseStartArgs(args: string[]): { api: boolean; queues: QueueName[]; shutdownMs: number } | string {
  let values;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (err) {
    return (err as Error).message.replace(/\. To specify a positional.*$/s, '');
  }
  let queues: QueueName[] | null = null;
  if (values.workers !== undefined) {
    const names = values.workers === 'all' ? [...QUEUE_NAMES] : values.workers.split(',').map((s) => s.trim());
    const bad = names.filter((n) => !isQueueName(n));
    if (values.workers === '' || bad.length)
      return `--workers: unknown queue ${bad.join(', ') || '(none given)'} (queues: ${QUEUE_NAMES.join(', ')}, or all)`;
    queues = names as QueueName[];
  }
  let shutdownMs = 25_000;
  if (values['shutdown-timeout'] !== undefined) {
    const seconds = /^\d{1,4}$/.test(values['shutdown-timeout']) ? Number(values['shutdown-timeout']) : NaN;
    if (!(seconds >= 1 && seconds <= 3600)) return '--shutdown-timeout: expected whole seconds 1-3600';
    shutdownMs = seconds * 1000;
  }
  const api = values.api === true;
  if (!api && queues === null) return { api: true, queues: [...QUEUE_NAMES], shutdownMs };
  return { api, queues: queues ?? [], shutdownMs };
}

export const command: CliCommand = {
  summary: 'run the HTTP API and/or workers (--api, --workers <queues|all>)',
  async run(args) {
    if (args.includes('--help')) {
      process.stdout.write(HELP);
      return 0;
    }
    const parsed = parseStartArgs(args);
    if (typeof parsed === 'string') {
      process.stderr.write(`upshift start: ${parsed}\n\n${HELP}`);
      return 2;
    }
    const config = configOrExit();
    if (!config) return EXIT_CONFIG;
    const { Runtime } = await import('../runtime.js');
    const runtime = await Runtime.open(config);
    const log = runtime.ctx.log;
    if (parsed.queues.length) await runtime.startWorkers(parsed.queues);
    if (parsed.api) {
      const api = await runtime.startApi();
      for (const n of startupNotices(config, api.server.address())) log[n.level](n.fields, n.msg);
    } else if (config.metricsPort !== 0) {
      const probes = await runtime.startProbes();
      log.info({ address: probes.server.address() }, 'probes listening (/health, /ready, /metrics)');
    }
    if (!parsed.api) for (const n of startupNotices(config, null)) log[n.level](n.fields, n.msg);
    log.info({ api: parsed.api, queues: parsed.queues, pid: process.pid }, 'upshift started');
    return new Promise<number>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, 'shutting down: no new requests or jobs');
        runtime.close(parsed.shutdownMs).then(
          (inTime) => {
            log.info({ inTime }, inTime ? 'shutdown complete' : 'shutdown deadline reached: remaining jobs released');
            resolve(0);
          },
          (err: Error) => {
            log.error({ err: err.message }, 'shutdown failed');
            resolve(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
  },
};
