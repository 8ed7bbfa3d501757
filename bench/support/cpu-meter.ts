import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU seconds a process has used (user + system), from /proc/<pid>/stat; null once it is gone. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** The oldest process with this exact name (e.g. `mariadbd`), or null. */
export function pidOf(name: string): number | null {
  try {
    return Number(execFileSync('pgrep', ['-o', '-x', name], { encoding: 'utf8' }).trim()) || null;
  } catch {
    return null;
  }
}

function machineCpu(): { busy: number; total: number } {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = ticks as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return {
    busy: (user + nice + system + irq + softirq + steal) / 100,
    total: (user + nice + system + idle + iowait + irq + softirq + steal) / 100,
  };
}

/**
 * Waits until the machine is nearly idle — less than `maxBusy` of its CPU busy over `windows` one-second windows in
 * a row — or `budgetMs` has passed. Other work on a shared machine would otherwise decide the figures. Resolves
 * with the seconds waited.
 */
export async function waitForQuiet(maxBusy = 0.2, windows = 3, budgetMs = 300_000): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  while (quiet < windows && Date.now() - started < budgetMs) {
    const before = machineCpu();
    await new Promise((r) => setTimeout(r, 1_000));
    const after = machineCpu();
    quiet = (after.busy - before.busy) / Math.max(1e-9, after.total - before.total) < maxBusy ? quiet + 1 : 0;
  }
  return (Date.now() - started) / 1000;
}

/** What a {@link CpuMeter} saw between start and stop. */
export interface CpuReading {
  seconds: number;
  /** CPU seconds per named process (the shared MariaDB and Redis count other users' work too). */
  byProcess: Record<string, number>;
  /** Share of the machine's CPU time that was busy, 0-1. */
  machineBusy: number;
  /** CPU seconds used by processes not in `byProcess` (other work on a shared machine). */
  othersSeconds: number;
}

/**
 * Measures where CPU time goes during a run: the named processes (driver, workers, mariadbd, redis-server) and
 * everything else on the machine, so a figure taken on a busy machine says so.
 */
export class CpuMeter {
  private readonly start: Record<string, number>;
  private readonly machineStart = machineCpu();
  private readonly startedAt = performance.now();

  constructor(private readonly pids: Record<string, number>) {
    this.start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, processCpuSeconds(pid) ?? 0]));
  }

  stop(): CpuReading {
    const machine = machineCpu();
    const byProcess = Object.fromEntries(
      Object.entries(this.pids).map(([name, pid]) => [
        name,
        Math.max(0, (processCpuSeconds(pid) ?? this.start[name]) - this.start[name]),
      ]),
    );
    const busy = machine.busy - this.machineStart.busy;
    const ours = Object.values(byProcess).reduce((a, b) => a + b, 0);
    return {
      seconds: (performance.now() - this.startedAt) / 1000,
      byProcess,
      machineBusy: busy / Math.max(1e-9, machine.total - this.machineStart.total),
      othersSeconds: Math.max(0, busy - ours),
    };
  }
}
