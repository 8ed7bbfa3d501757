import type { PanelErrorKind } from './panel-error.js';
import { PanelTransientError } from './panel-transient-error.js';

/**
 * The account is busy on the panel (a transfer, backup or restore is running). Retried, but not before the
 * policy's `lockedMinDelayMs`: such work takes minutes.
 */
export class PanelLockedError extends PanelTransientError {
  override readonly kind: PanelErrorKind = 'locked';
}
