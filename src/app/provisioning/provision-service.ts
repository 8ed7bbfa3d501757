import type { ChangePackageResult } from '../../panels/index.js';
import type { AppContext } from '../app-context.js';
import { BusinessRuleError } from '../errors.js';
import { changePackageOnPanel } from './change-package-on-panel.js';
import { loadPanelTarget } from './load-panel-target.js';
import type { ProvisioningDeps } from './provisioning-deps.js';
import type { AttemptInfo } from './provision-upgrade.js';

/**
 * The staff "Change Package" module command (WHMCS's button after a manual change): puts the service's panel
 * account on its current product's package. Same read-first ChangePackage as upgrades, so running it again
 * changes nothing; the calls are in the panel call log under the service.
 */
export async function provisionService(
  ctx: AppContext,
  deps: ProvisioningDeps,
  serviceId: number,
  at: AttemptInfo,
): Promise<ChangePackageResult> {
  const target = await loadPanelTarget(ctx.ds.manager, ctx.secrets, serviceId);
  if (!target)
    throw new BusinessRuleError('no_panel', `service ${serviceId}: its product has no panel module, server or package`);
  return changePackageOnPanel(ctx, deps, target, { upgradeId: null, serviceId }, at.signal);
}
