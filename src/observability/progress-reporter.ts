import cliProgress from 'cli-progress';
import type { OpsProgress } from '../app/ops/ops-progress.js';

/** Options of {@link ProgressReporter}. */
export interface ProgressReporterOptions {
  /** Where progress goes. @defaultValue process.stderr */
  stream?: NodeJS.WriteStream;
  /** Draw a bar. @defaultValue whether `stream` is a TTY */
  tty?: boolean;
}

/**
 * Shows bulk ops progress on stderr (stdout stays for the command's result): a cli-progress bar on a terminal;
 * elsewhere (CI, logs, pipes) a plain line at every tenth of the work and at the end.
 */
export class ProgressReporter implements OpsProgress {
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private bar: cliProgress.SingleBar | null = null;
  private total = 0;
  private done = 0;
  private label = '';
  private lastTenth = 0;

  constructor(opts: ProgressReporterOptions = {}) {
    this.stream = opts.stream ?? process.stderr;
    this.tty = opts.tty ?? this.stream.isTTY === true;
  }

  start(total: number, label: string): void {
    Object.assign(this, { total, label, done: 0, lastTenth: 0 });
    if (total === 0) return;
    if (this.tty) {
      this.bar = new cliProgress.SingleBar(
        {
          stream: this.stream,
          format: `${label} [{bar}] {value}/{total} {percentage}% | eta {eta_formatted}`,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, 0);
    } else {
      this.stream.write(`${label}: 0/${total}\n`);
    }
  }

  advance(n = 1): void {
    this.done += n;
    if (this.bar) {
      this.bar.increment(n);
      return;
    }
    const tenth = this.total ? Math.floor((this.done * 10) / this.total) : 0;
    if (tenth > this.lastTenth && this.done < this.total) {
      this.lastTenth = tenth;
      this.stream.write(`${this.label}: ${this.done}/${this.total}\n`);
    }
  }

  note(message: string): void {
    if (this.bar) this.bar.stop();
    this.stream.write(`${this.label}: ${message}\n`);
    if (this.bar) this.bar.start(this.total, this.done);
  }

  stop(): void {
    if (this.bar) {
      this.bar.stop();
      this.bar = null;
      return;
    }
    if (this.total > 0) this.stream.write(`${this.label}: ${this.done}/${this.total} done\n`);
  }
}
