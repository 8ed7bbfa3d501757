import { PanelError, type PanelErrorKind } from './panel-error.js';

/** The credentials are valid but lack the privilege for this call (reseller ACL, DirectAdmin authority level, account owned by someone else). Permanent. */
export class PanelPermissionError extends PanelError {
  readonly kind: PanelErrorKind = 'permission';
  readonly retryable = false;
}
