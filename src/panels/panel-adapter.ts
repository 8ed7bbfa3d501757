/**
 * Whose packages an account uses and which command changes it: an ordinary hosting account, or a reseller's own
 * account (DirectAdmin `CMD_API_MODIFY_RESELLER` with reseller packages, Plesk `<reseller><switch-subscription>`
 * with reseller plans). Read from the panel at change time, never stored.
 */
export type PanelAccountKind = 'user' | 'reseller';

/** What a panel says about one hosting account. */
export interface PanelAccount {
  /** The name it was read by: the panel username (cPanel, DirectAdmin), the subscription name or reseller login (Plesk). */
  user: string;
  /** The package (cPanel/DirectAdmin) or plan name (Plesk) the account is on; `''` when it is on none. */
  package: string;
  /** Whether the panel has the account suspended (or disabled). A package change still runs on it. */
  suspended: boolean;
  /** Suspended so that only root/admin may lift it (WHM `is_locked: 1`, a suspension with `disallowun`). */
  suspensionLocked?: boolean;
  /** The panel's reason for the suspension, when it gives one. */
  suspendedReason?: string;
  kind: PanelAccountKind;
  /**
   * Who owns the account and so whose packages it may be put on: the reseller (or root/admin) login, as the panel
   * names it; null when the panel does not say.
   */
  owner: string | null;
}

/**
 * One control-panel server, reduced to what ChangePackage needs. Every method classifies failures into
 * `PanelError` subclasses (see `errors/`); none of them retries. The read-check-write-verify sequence is
 * `changePackage()` in `change-package.ts`; the methods that take an account take the one `getAccount` returned,
 * so an adapter may reuse what that read learned (Plesk reads its plan list once per change).
 */
export interface PanelAdapter {
  /**
   * Reads the account's current package, owner and kind. `user` is the panel username (cPanel, DirectAdmin), or for
   * Plesk the subscription's name (its main domain) or, for a reseller account, the reseller's login.
   */
  getAccount(user: string, signal?: AbortSignal): Promise<PanelAccount>;
  /**
   * Lists the packages `account` may be put on (its owner's packages; reseller packages for a reseller account).
   * Without an account: the packages of the API user itself.
   */
  listPackages(account?: PanelAccount, signal?: AbortSignal): Promise<string[]>;
  /**
   * The package name to write for a product's `requested` package on `account`, given `packages` from
   * `listPackages(account)`. Pure.
   * @throws PanelNotFoundError or PanelPermissionError (permanent) when the account's owner cannot use it
   */
  resolvePackage(account: PanelAccount, requested: string, packages: readonly string[]): string;
  /** Moves the account to `pkg` (a resolved name). A failure after the request was sent is a `PanelOutcomeUnknownError`. */
  changePackage(account: PanelAccount, pkg: string, signal?: AbortSignal): Promise<void>;
  /** Reads the account again after a write, the same way `getAccount` did. */
  readBack(account: PanelAccount, signal?: AbortSignal): Promise<PanelAccount>;
}
