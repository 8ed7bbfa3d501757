import { PanelError, type PanelErrorKind } from './panel-error.js';

/** A caller passed bad input (empty user, bad server config); the message names the field. Permanent. */
export class PanelInputError extends PanelError {
  readonly kind: PanelErrorKind = 'invalid_input';
  readonly retryable = false;
}
