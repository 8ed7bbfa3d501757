import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../src/config/package-root.js';

/** Options of a {@link WorkerFleet}. */
export interface WorkerFleetOptions {
  /** Environment of every process (DATABASE_URL, QUEUE_PREFIX, SECRETS_KEY, …), added to this process's. */
  env: Record<string, string>;
  /** `upshift start` arguments. @defaultValue ['--workers', 'all'] */
  args?: string[];
  /** Extra `node` flags (e.g. `--cpu-prof`). @defaultValue [] */
  nodeArgs?: string[];
  /** Sees every line the processes print, as it comes. */
  onLine?: (line: string, pid: number) => void;
}

/** One started process of the fleet. */
interface Member {
  child: ChildProcess;
  exited: Promise<void>;
}

/**
 * `upshift start` processes (`node bin/upshift.js start --workers all` by default) as real children: start more,
 * kill one with any signal (SIGKILL included) and start a replacement, read their memory, stop them all.
 * Their stderr and non-JSON stdout lines, and every JSON log line at warn level or above, are kept in `log`.
 */
export class WorkerFleet {
  private readonly members: Member[] = [];
  /** Log lines worth reading after a run (warnings, errors, crashes). */
  readonly log: string[] = [];
  /** How many processes were killed with SIGKILL. */
  kills = 0;

  constructor(private readonly opts: WorkerFleetOptions) {}

  /** Starts `count` more processes. */
  start(count = 1): void {
    for (let i = 0; i < count; i++) {
      const child = spawn(
        process.execPath,
        [
          ...(this.opts.nodeArgs ?? []),
          join(packageRoot(), 'bin', 'upshift.js'),
          'start',
          ...(this.opts.args ?? ['--workers', 'all']),
        ],
        {
          env: { ...process.env, ...this.opts.env },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const keep = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line.trim()) continue;
          this.opts.onLine?.(line, child.pid!);
          if (worthKeeping(line) && this.log.length < 5_000) this.log.push(`[${child.pid}] ${line}`);
        }
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      this.members.push({ child, exited: once(child, 'exit').then(() => undefined) });
    }
  }

  /** Pids of the running processes. */
  get pids(): number[] {
    return this.running().map((m) => m.child.pid!);
  }

  get size(): number {
    return this.running().length;
  }

  /** Kills one running process (chosen by `pick`, random by default) with `signal` and waits for it to exit. */
  async kill(
    signal: NodeJS.Signals = 'SIGKILL',
    pick: (n: number) => number = (n) => Math.floor(Math.random() * n),
  ): Promise<void> {
    const running = this.running();
    if (running.length === 0) return;
    const member = running[pick(running.length)];
    member.child.kill(signal);
    if (signal === 'SIGKILL') this.kills += 1;
    await member.exited;
  }

  /** Resident memory of each running process in bytes (Linux /proc; 0 where it cannot be read). */
  rss(): number[] {
    return this.pids.map((pid) => {
      try {
        const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
        return kb ? Number(kb) * 1024 : 0;
      } catch {
        return 0;
      }
    });
  }

  /** SIGTERM to every process (graceful: running jobs finish), SIGKILL to any still running after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    const running = this.running();
    for (const m of running) m.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const m of running) if (m.child.exitCode === null && m.child.signalCode === null) m.child.kill('SIGKILL');
    }, graceMs);
    await Promise.all(running.map((m) => m.exited));
    clearTimeout(timer);
  }

  private running(): Member[] {
    return this.members.filter((m) => m.child.exitCode === null && m.child.signalCode === null);
  }
}

/** JSON log lines at warn (40) or above, and anything that is not a JSON log line (a crash's stack trace). */
function worthKeeping(line: string): boolean {
  if (!line.startsWith('{')) return true;
  try {
    return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 40;
  } catch {
    return true;
  }
}
