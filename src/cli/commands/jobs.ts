import { parseArgs } from 'node:util';
import type { JobRef, OpsOutcome, OpsRunOptions } from '../../app/ops/ops-run-options.js';
import type { JobSummary } from '../../app/ops/job-summary.js';
import type { QueueName } from '../../queues/queue-names.js';
import { ValidationError } from '../../app/errors.js';
import type { CliCommand } from '../command.js';
import { EXIT_CONFIG, configOrExit } from '../config-or-exit.js';
import type { Runtime } from '../runtime.js';

const HELP = `usage: upshift jobs <list|show|retry|replay|clean> [options]

  list    [--queue q] [--state s[,s…]] [--older-than 2h] [--limit n] [--json]
          jobs by queue, state (waiting, active, delayed, failed, completed) and age (newest
          matches last; age counts from when a job finished, else from when it was added)
  show    <jobId> [--queue q] [--json]
          one job: payload, state, attempts, error and stack, return value, logs, ops audit
  retry   <jobId…> [--queue q] | --queue q [--older-than 1h]
          move failed jobs back to waiting with their attempts reset (only failed jobs)
  replay  <jobId…> [--queue q] | --upgrade <id> | --queue q --state completed|failed [--older-than 1h]
          add a NEW job <jobId>-replay-<n> with the same payload; the steps re-check the
          database, so a replay of finished work changes nothing. --upgrade replays every job
          of an upgrade, rebuilt from the database even when Redis no longer has it
  clean   --queue q --state completed|failed --older-than 7d
          remove finished jobs older than the age

The queue is found from the job id (order-, paid-, provision-, change-package-, email-,
webhook-, sweep-) when --queue is not given. retry, replay and clean also take:
  --dry-run         show what would happen; change nothing
  --who <name>      the operator for the audit row (default $USER, else "cli")
  --batch-size <n>  jobs per batch; the next batch waits until the queue has fewer than n
                    unfinished jobs (default 50)
Every retry, replay and clean writes a job_audit row (who, what, which job, when).
Exit: 0 done, 1 some jobs were skipped or not found, 2 bad usage, 130 interrupted.
`;

const OPTIONS = {
  queue: { type: 'string' },
  state: { type: 'string' },
  'older-than': { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  who: { type: 'string' },
  upgrade: { type: 'string' },
  'batch-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** Flags each sub-command accepts besides --help. */
const ALLOWED: Record<string, Array<keyof Flags>> = {
  list: ['queue', 'state', 'older-than', 'limit', 'json'],
  show: ['queue', 'json'],
  retry: ['queue', 'older-than', 'dry-run', 'who', 'batch-size', 'json'],
  replay: ['queue', 'state', 'older-than', 'upgrade', 'dry-run', 'who', 'batch-size', 'json'],
  clean: ['queue', 'state', 'older-than', 'dry-run', 'who', 'json'],
};

/** A command-line mistake, naming the flag: printed with the usage, exit 2. */
export function usageError(message: string, flag = 'arguments'): ValidationError {
  return new ValidationError(message, [{ field: flag, message }]);
}

/** The operator named in audit rows: --who, else $USER, else `cli`. */
export function operator(who: string | undefined): string {
  return who || process.env.USER || 'cli';
}

/** A positive whole number flag. */
export function positiveInt(raw: string | undefined, flag: string, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^[1-9]\d{0,6}$/.test(raw)) throw usageError(`--${flag}: expected a whole number ≥ 1, got '${raw}'`, flag);
  return Number(raw);
}

/**
 * Runs an ops command on an open runtime (database, Redis, producer; logs on stderr), with Ctrl-C turned into
 * an abort signal, and always closes everything so the process exits. Maps errors to exit codes: usage 2,
 * a use case's refusal (not found, invalid input) 1 with its message.
 */
export async function withOpsRuntime(
  command: string,
  help: string,
  work: (rt: Runtime, signal: AbortSignal) => Promise<number>,
): Promise<number> {
  const config = configOrExit();
  if (!config) return EXIT_CONFIG;
  const [{ Runtime }, { createLogger }, { AppError }] = await Promise.all([
    import('../runtime.js'),
    import('../../observability/logger.js'),
    import('../../app/errors.js'),
  ]);
  const runtime = await Runtime.open(config, {
    log: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'upshift', 'stderr', config.logFormat),
  });
  const abort = new AbortController();
  const onSigint = () => {
    process.stderr.write(
      `upshift ${command}: interrupted; finishing the item in hand (run the same command again to resume)\n`,
    );
    abort.abort();
  };
  process.once('SIGINT', onSigint);
  try {
    return await work(runtime, abort.signal);
  } catch (err) {
    if (err instanceof ValidationError) {
      process.stderr.write(`upshift ${command}: ${err.message}\n\n${help}`);
      return 2;
    }
    if (err instanceof AppError) {
      process.stderr.write(`upshift ${command}: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await runtime.close(5_000);
  }
}

/** Prints a value as indented JSON on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

async function main(
  sub: string,
  flags: Flags,
  positionals: string[],
  rt: Runtime,
  signal: AbortSignal,
): Promise<number> {
  const ops = await import('../../app/ops/index.js');
  const queue = flags.queue === undefined ? undefined : ops.requireQueueName(flags.queue, '--queue');
  const olderThanMs =
    flags['older-than'] === undefined ? undefined : ops.parseDuration(flags['older-than'], '--older-than');
  const states = flags.state
    ?.split(',')
    .map((s) => s.trim())
    .map((s) => {
      if (!(ops.JOB_STATES as readonly string[]).includes(s))
        throw usageError(`--state: unknown state '${s}' (states: ${ops.JOB_STATES.join(', ')})`);
      return s as (typeof ops.JOB_STATES)[number];
    });
  const run: OpsRunOptions = {
    who: operator(flags.who),
    dryRun: flags['dry-run'] ?? false,
    batchSize: positiveInt(flags['batch-size'], 'batch-size', 50),
    signal,
    progress: flags.json
      ? ops.silentProgress
      : new (await import('../../observability/progress-reporter.js')).ProgressReporter(),
  };
  const now = rt.ctx.clock.now().getTime();
  const report = <T extends JobRef>(
    outcome: OpsOutcome<T>,
    [verb, done]: [string, string],
    line: (d: T) => string,
  ): number => {
    if (flags.json) printJson(outcome);
    else {
      const prefix = outcome.dryRun ? `would ${verb}` : done;
      for (const d of outcome.done) process.stdout.write(`${prefix} ${line(d)}\n`);
      for (const s of outcome.skipped) process.stdout.write(`skipped ${s.queue} ${s.jobId}: ${s.reason}\n`);
      process.stdout.write(
        `${outcome.done.length} ${outcome.dryRun ? `to ${verb}` : done}, ${outcome.skipped.length} skipped${outcome.interrupted ? ', interrupted' : ''}${outcome.dryRun ? ' (dry run: nothing changed)' : ''}\n`,
      );
    }
    return outcome.interrupted ? 130 : outcome.skipped.length > 0 ? 1 : 0;
  };
  const queueList = queue ? ([queue] as QueueName[]) : undefined;

  switch (sub) {
    case 'list': {
      const jobs = await ops.listJobs(
        rt.producer,
        { queues: queueList, states, olderThanMs, limit: positiveInt(flags.limit, 'limit', 100) },
        now,
      );
      if (flags.json) {
        printJson(jobs);
        return 0;
      }
      if (jobs.length === 0) {
        process.stdout.write('no matching jobs\n');
        return 0;
      }
      const rows = jobs.map((j: JobSummary) => [
        j.queue,
        j.state,
        j.id,
        ops.formatDuration(j.ageMs),
        `${j.attemptsMade}/${j.maxAttempts}`,
        JSON.stringify(j.data),
        (j.failedReason ?? '').slice(0, 80),
      ]);
      process.stdout.write(table([['QUEUE', 'STATE', 'ID', 'AGE', 'ATTEMPTS', 'DATA', 'FAILED REASON'], ...rows]));
      return 0;
    }
    case 'show': {
      if (positionals.length !== 1) throw usageError('show needs exactly one job id');
      const jobId = positionals[0];
      const job = await ops.showJob(rt.ctx, rt.producer, ops.queueOfJob(jobId, queue), jobId);
      if (flags.json) {
        printJson(job);
        return 0;
      }
      const lines = [
        `${job.queue} ${job.id}: ${job.state}, attempts ${job.attemptsMade}/${job.maxAttempts}`,
        `data:      ${JSON.stringify(job.data)}`,
        `added:     ${job.createdAt}`,
        `started:   ${job.processedAt ?? '-'}`,
        `finished:  ${job.finishedAt ?? '-'} (${ops.formatDuration(job.ageMs)} ago)`,
        ...(job.failedReason
          ? [
              `error:     ${job.failedReason}`,
              ...job.stacktrace.slice(-1).map((s) => `stack:     ${s.split('\n').slice(0, 6).join('\n           ')}`),
            ]
          : []),
        `result:    ${JSON.stringify(job.returnValue)}`,
        ...job.logs.map((l) => `log:       ${l}`),
        ...job.audit.map((a) => `audit:     ${a.at} ${a.who} ${a.action} ${a.jobId}${a.detail ? ` ${a.detail}` : ''}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    }
    case 'retry': {
      if (positionals.length > 0 && olderThanMs !== undefined)
        throw usageError('give job ids or --older-than, not both');
      if (positionals.length === 0 && !queue)
        throw usageError(
          'retry needs job ids, or --queue (and optionally --older-than) for every failed job of a queue',
        );
      const selection = positionals.length > 0 ? { ids: positionals, queue } : { queues: queueList, olderThanMs };
      return report(
        await ops.retryJobs(rt.ctx, rt.producer, selection, run),
        ['retry', 'retried'],
        (d) => `${d.queue} ${d.jobId}`,
      );
    }
    case 'replay': {
      const modes = [positionals.length > 0, flags.upgrade !== undefined, states !== undefined].filter(Boolean).length;
      if (modes !== 1)
        throw usageError('replay needs exactly one of: job ids, --upgrade <id>, or --queue q --state completed|failed');
      let targets;
      if (flags.upgrade !== undefined)
        targets = await ops.upgradeJobs(rt.ctx.ds, rt.producer, positiveInt(flags.upgrade, 'upgrade', 0));
      else if (positionals.length > 0)
        targets = positionals.map((jobId) => ({ queue: ops.queueOfJob(jobId, queue), jobId }));
      else {
        if (!queue) throw usageError('--state needs --queue');
        if (states!.some((s) => s !== 'completed' && s !== 'failed'))
          throw usageError('replay: --state must be completed or failed (finished jobs)');
        targets = (await ops.listJobs(rt.producer, { queues: [queue], states, olderThanMs }, now)).map((j) => ({
          queue: j.queue,
          jobId: j.id,
        }));
      }
      return report(
        await ops.replayJobs(rt.ctx, rt.producer, targets, run),
        ['replay', 'replayed'],
        (d) => `${d.queue} ${d.jobId} as ${d.replayJobId}`,
      );
    }
    case 'clean': {
      if (!queue || states?.length !== 1 || olderThanMs === undefined)
        throw usageError('clean needs --queue, --state completed|failed and --older-than');
      const state = states[0];
      if (state !== 'completed' && state !== 'failed') throw usageError('clean: --state must be completed or failed');
      const outcome = await ops.cleanJobs(rt.ctx, rt.producer, { queue, state, olderThanMs }, run);
      if (flags.json) printJson(outcome);
      else if (outcome.dryRun) {
        for (const d of outcome.done) process.stdout.write(`would remove ${d.queue} ${d.jobId}\n`);
        process.stdout.write(`${outcome.done.length} to remove (dry run: nothing changed)\n`);
      } else
        process.stdout.write(
          `removed ${outcome.removed} ${state} jobs from ${queue}${outcome.interrupted ? ' (interrupted)' : ''}\n`,
        );
      return outcome.interrupted ? 130 : 0;
    }
  }
  throw usageError(`unknown sub-command '${sub}'`);
}

export const command: CliCommand = {
  summary: 'list, show, retry, replay and clean queue jobs (audited; --dry-run)',
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (err) {
      process.stderr.write(`upshift jobs: ${(err as Error).message}\n\n${HELP}`);
      return 2;
    }
    const [sub, ...positionals] = parsed.positionals;
    if (parsed.values.help || sub === undefined) {
      process.stdout.write(HELP);
      return sub === undefined && !parsed.values.help ? 2 : 0;
    }
    const allowed = ALLOWED[sub];
    if (!allowed) {
      process.stderr.write(`upshift jobs: unknown sub-command '${sub}'\n\n${HELP}`);
      return 2;
    }
    const stray = (Object.keys(parsed.values) as Array<keyof Flags>).filter(
      (k) => k !== 'help' && !allowed.includes(k),
    );
    if (stray.length) {
      process.stderr.write(`upshift jobs ${sub}: --${stray[0]} does not apply here\n\n${HELP}`);
      return 2;
    }
    if (sub === 'list' || sub === 'show' || sub === 'clean') {
      if (sub !== 'show' && positionals.length > 0) {
        process.stderr.write(`upshift jobs ${sub}: unexpected argument '${positionals[0]}'\n\n${HELP}`);
        return 2;
      }
    }
    return withOpsRuntime(`jobs ${sub}`, HELP, (rt, signal) => main(sub, parsed.values, positionals, rt, signal));
  },
};
