import { PanelInputError } from './panel-errors.js';
import { PanelTransientError } from './panel-errors.js';
import type { PanelAdapter } from './panel-adapter.js';

/** Options of one ChangePackage attempt. */
export interface ChangePackageOptions {
  /** Aborts the call in flight (job cancelled, shutdown). */
  signal?: AbortSignal;
}

/** What one successful attempt found and did. */
export interface ChangePackageResult {
  /**
   * The package the account was on when this attempt read it. After a write whose outcome was unknown, the
   * next attempt may find the target already in place: then this is the target and `changed` is false.
   */
  previousPackage: string;
  /** Whether this attempt wrote. */
  changed: boolean;
  /** The package the account is on now, as the panel names it (WHM: with the reseller prefix, e.g. `res1_gold`). */
  package: string;
}

/**
 * One attempt of ChangePackage: read (owner, kind, package) → already on the target: done, no write → list the
 * packages the account's owner may use and resolve the product's package name against them (a package the owner
 * cannot use is a permanent error) → write → read again to verify. Throws `PanelError`s and never retries; the
 * caller's retry policy decides. Because every attempt starts with the read, a write that timed out after the
 * panel applied it is never sent twice. A suspended account is changed like any other: the package change does
 * not touch the suspension (WHM `changepackage` and WHMCS do the same; see docs/PANELS.md).
 * @throws PanelInputError for an empty `user` or `targetPackage`
 * @throws PanelNotFoundError / PanelPermissionError (permanent) when the account or a usable target package does not exist
 * @throws PanelOutcomeUnknownError when the write got no usable reply
 * @throws PanelTransientError when the read-back disagrees (capped at 3 attempts)
 */
export async function changePackage(
  adapter: PanelAdapter,
  user: string,
  targetPackage: string,
  opts: ChangePackageOptions = {},
): Promise<ChangePackageResult> {
  if (user.trim() === '') throw new PanelInputError('user: must not be empty');
  if (targetPackage.trim() === '') throw new PanelInputError('targetPackage: must not be empty');
  const { signal } = opts;

  const before = await adapter.getAccount(user, signal);
  if (before.package === targetPackage)
    return { previousPackage: before.package, changed: false, package: before.package };

  const packages = await adapter.listPackages(before, signal);
  const target = adapter.resolvePackage(before, targetPackage, packages);
  if (before.package === target) return { previousPackage: before.package, changed: false, package: target };

  await adapter.changePackage(before, target, signal);

  const after = await adapter.readBack(before, signal);
  if (after.package !== target) {
    throw new PanelTransientError(
      `verification failed: account ${user} is on ${after.package || '(no package)'} after the change to ${target} was accepted`,
      { maxAttempts: 3 },
    );
  }
  return { previousPackage: before.package, changed: true, package: target };
}
