import { PanelError, type PanelErrorKind } from './panel-error.js';

/** The panel refused the credentials (or blocked this IP). Permanent: retrying a bad password gets the worker's IP banned. */
export class PanelAuthError extends PanelError {
  readonly kind: PanelErrorKind = 'auth';
  readonly retryable = false;
}
