/** What a panel says about one hosting account. */
export interface PanelAccount {
  /** The package (cPanel/DirectAdmin) or service plan name (Plesk) the account is on. */
  package: string;
  /** Whether the panel has the account suspended. */
  suspended: boolean;
}

/**
 * One control-panel server, reduced to the three calls ChangePackage needs. Every method classifies failures
 * into `PanelError` subclasses (see `errors/`); none of them retries. `changePackage` is the raw write only:
 * the read-check-write-verify sequence is `changePackage()` in `change-package.ts`.
 */
export interface PanelAdapter {
  /**
   * Reads the account's current package. `user` is the panel username (cPanel, DirectAdmin) or the
   * subscription's name, i.e. its main domain (Plesk).
   */
  getAccount(user: string, signal?: AbortSignal): Promise<PanelAccount>;
  /** Lists the package names the API user may assign. */
  listPackages(signal?: AbortSignal): Promise<string[]>;
  /** Moves the account to `pkg`. A failure after the request was sent is a `PanelOutcomeUnknownError`. */
  changePackage(user: string, pkg: string, signal?: AbortSignal): Promise<void>;
}
