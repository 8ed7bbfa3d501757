import type { PanelErrorKind } from './panel-error.js';
import { PanelTransientError } from './panel-transient-error.js';

/**
 * A write was sent but no usable reply came back (timeout, reset, 5xx, garbled body): the panel may or may
 * not have applied it. Retryable; the next attempt reads the account first and skips the write when it is
 * already done.
 */
export class PanelOutcomeUnknownError extends PanelTransientError {
  override readonly kind: PanelErrorKind = 'outcome_unknown';
}
