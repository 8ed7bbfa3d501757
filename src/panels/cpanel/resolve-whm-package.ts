import { PanelNotFoundError } from '../panel-errors.js';
import { PanelPermissionError } from '../panel-errors.js';
import type { PanelAccount } from '../panel-adapter.js';
import { listForMessage, resolveListedPackage } from '../resolve-listed-package.js';

/**
 * WHM's package rule for resellers, made explicit. WHM names a reseller's packages `<reseller>_<name>`
 * (panel-apis.md §1.5; WHMCS's "Add Prefix to Package" builds the same name), and an account owned by reseller R
 * is put on R's packages only. A product's `panelPackage` may be written either way: for R's account `gold` means
 * `R_gold`, and `R_gold` means itself. An account owned by root — or by itself, as a reseller's own account made
 * with `makeowner` is — may be put on any package `listpkgs` shows.
 * @throws PanelPermissionError (permanent) when the package exists but belongs to someone the account's owner is not
 * @throws PanelNotFoundError (permanent) when neither form exists
 */
export function resolveWhmPackage(account: PanelAccount, requested: string, packages: readonly string[]): string {
  const owner = account.owner;
  if (owner === null || owner === 'root' || owner === account.user)
    return resolveListedPackage(account, requested, packages);
  const prefix = `${owner}_`;
  const name = requested.startsWith(prefix) ? requested : `${prefix}${requested}`;
  if (packages.includes(name)) return name;
  const own = packages.filter((p) => p.startsWith(prefix));
  if (packages.includes(requested)) {
    throw new PanelPermissionError(
      `package ${requested} is not a package of reseller ${owner}, which owns ${account.user}; ${owner}'s packages are named ${prefix}… (${listForMessage(own)})`,
    );
  }
  throw new PanelNotFoundError(
    'package',
    requested,
    `package ${name} does not exist: ${account.user} belongs to reseller ${owner}, whose packages are ${listForMessage(own)}`,
  );
}
