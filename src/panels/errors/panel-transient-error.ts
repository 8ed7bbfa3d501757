import { PanelError, type PanelErrorKind } from './panel-error.js';

/**
 * A failure another attempt may not meet: connection refused or reset, a timeout on a read, HTTP 5xx, an
 * unparseable reply, a panel error the retry table calls temporary. Retried with backoff.
 */
export class PanelTransientError extends PanelError {
  readonly kind: PanelErrorKind = 'transient';
  readonly retryable = true;
}
