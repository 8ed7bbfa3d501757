import { PanelError, type PanelErrorKind } from './panel-error.js';

/** The server's TLS certificate did not pass this server's TLS settings (untrusted, wrong name, expired, or not the pinned one). Permanent: it needs ops, and may be an interception. */
export class PanelTlsError extends PanelError {
  readonly kind: PanelErrorKind = 'tls';
  readonly retryable = false;
}
