/** One HTTP call to a panel, as the panel call log stores it. */
export interface PanelCallEntry {
  serverId: number;
  /** The panel function, e.g. `accountsummary`, `webspace.switch-subscription`, `CMD_API_MODIFY_USER`. */
  action: string;
  /** Method, path, headers and body, with every secret replaced by `[REDACTED]`. */
  request: string;
  /** The reply body, redacted and truncated; null when none arrived. */
  response: string | null;
  /** HTTP status, or null when no reply arrived. */
  httpStatus: number | null;
  durationMs: number;
  /** `unknown`: a write got no usable reply, so whether it was applied is not known. */
  outcome: 'ok' | 'error' | 'unknown';
  /** The classified error message, when outcome is not `ok`. */
  error?: string;
}

/**
 * Receives one entry per panel HTTP call (the pipeline persists them to `panel_call_log`). Entries are
 * already redacted. A recorder that throws or rejects never fails the panel call; the failure is logged.
 */
export interface PanelCallRecorder {
  record(entry: PanelCallEntry): void | Promise<void>;
}
