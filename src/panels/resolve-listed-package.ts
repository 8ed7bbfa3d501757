import { PanelNotFoundError } from './panel-errors.js';
import type { PanelAccount } from './panel-adapter.js';

/**
 * The rule of panels that name packages plainly (Plesk, DirectAdmin): the requested name, if it is among the
 * packages the account may use.
 * @throws PanelNotFoundError (permanent) naming the account, its owner and the packages it may use
 */
export function resolveListedPackage(account: PanelAccount, requested: string, packages: readonly string[]): string {
  if (packages.includes(requested)) return requested;
  const whose =
    account.kind === 'reseller'
      ? 'reseller packages'
      : account.owner
        ? `packages of ${account.owner}, which owns ${account.user}`
        : `packages ${account.user} may use`;
  throw new PanelNotFoundError(
    'package',
    requested,
    `package ${requested} does not exist among the ${whose} (${listForMessage(packages)})`,
  );
}

/** A package list for an error message: at most 20 names. */
export function listForMessage(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  return names.length > 20 ? `${names.slice(0, 20).join(', ')} and ${names.length - 20} more` : names.join(', ');
}
