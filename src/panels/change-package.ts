import { PanelInputError } from './errors/panel-input-error.js';
import { PanelNotFoundError } from './errors/panel-not-found-error.js';
import { PanelTransientError } from './errors/panel-transient-error.js';
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
}

/**
 * One attempt of ChangePackage: read → (already on the target: done, no write) → the target exists →
 * write → read again to verify. Throws `PanelError`s and never retries; the caller's retry policy decides.
 * Because every attempt starts with the read, a write that timed out after the panel applied it is never sent
 * twice.
 * @throws PanelInputError for an empty `user` or `targetPackage`
 * @throws PanelNotFoundError (permanent) when the account or the target package does not exist
 * @throws PanelOutcomeUnknownError when the write got no usable reply
 * @throws PanelTransientError when the read-back disagrees (capped at 3 attempts)
 */
export async function changePackage(adapter: PanelAdapter, user: string, targetPackage: string, opts: ChangePackageOptions = {}): Promise<ChangePackageResult> {
  if (user.trim() === '') throw new PanelInputError('user: must not be empty');
  if (targetPackage.trim() === '') throw new PanelInputError('targetPackage: must not be empty');
  const { signal } = opts;

  const before = await adapter.getAccount(user, signal);
  if (before.package === targetPackage) return { previousPackage: before.package, changed: false };

  const packages = await adapter.listPackages(signal);
  if (!packages.includes(targetPackage)) {
    throw new PanelNotFoundError('package', targetPackage, `package ${targetPackage} does not exist on the panel (it has: ${listForMessage(packages)})`);
  }

  await adapter.changePackage(user, targetPackage, signal);

  const after = await adapter.getAccount(user, signal);
  if (after.package !== targetPackage) {
    throw new PanelTransientError(`verification failed: account ${user} is on ${after.package || '(no package)'} after the change to ${targetPackage} was accepted`, { maxAttempts: 3 });
  }
  return { previousPackage: before.package, changed: true };
}

function listForMessage(names: string[]): string {
  if (names.length === 0) return 'none';
  return names.length > 20 ? `${names.slice(0, 20).join(', ')} and ${names.length - 20} more` : names.join(', ');
}
