import { PanelError, type PanelErrorKind, type PanelErrorOptions } from './panel-error.js';

/** The account or the package does not exist on the panel. Permanent: the billing data or the panel needs fixing. */
export class PanelNotFoundError extends PanelError {
  readonly kind: PanelErrorKind = 'not_found';
  readonly retryable = false;

  constructor(
    /** Which object is missing. */
    readonly what: 'account' | 'package',
    /** Its name as the caller gave it (a username, a subscription or a package name; never a secret). */
    readonly objectName: string,
    message: string,
    options: PanelErrorOptions = {},
  ) {
    super(message, options);
  }
}
