import type { PanelCallEntry, PanelCallRecorder } from './panel-call-recorder.js';

/** Keeps panel call entries in memory, for tests and `upshift demo`. */
export class MemoryPanelCallRecorder implements PanelCallRecorder {
  readonly entries: PanelCallEntry[] = [];

  record(entry: PanelCallEntry): void {
    this.entries.push(entry);
  }
}
