/** How a bulk ops use case reports progress; the CLI draws it (src/observability/progress-reporter.ts). */
export interface OpsProgress {
  /** The work has `total` items. */
  start(total: number, label: string): void;
  /** `n` more items are done. */
  advance(n?: number): void;
  /** A pause, e.g. waiting for a queue to drain before the next batch. */
  note(message: string): void;
  stop(): void;
}

/** Reports nothing (tests, --json). */
export const silentProgress: OpsProgress = {
  start: () => undefined,
  advance: () => undefined,
  note: () => undefined,
  stop: () => undefined,
};
