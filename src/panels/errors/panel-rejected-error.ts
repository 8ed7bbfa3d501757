import { PanelError, type PanelErrorKind } from './panel-error.js';

/** The panel understood the request and refused it for a reason a retry will not change (limit reached, license expired, malformed request, unexpected HTTP status). Permanent. */
export class PanelRejectedError extends PanelError {
  readonly kind: PanelErrorKind = 'rejected';
  readonly retryable = false;
}
