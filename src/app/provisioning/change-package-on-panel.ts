import { createPanelAdapter, provisionWithLimit, type ChangePackageResult } from '../../panels/index.js';
import type { AppContext } from '../app-context.js';
import { DbPanelCallRecorder } from './db-panel-call-recorder.js';
import type { PanelTarget } from './load-panel-target.js';
import type { ProvisioningDeps } from './provisioning-deps.js';

/**
 * The read-first ChangePackage on a service's panel server, under the server's concurrency cap, with every call
 * written to the panel call log (tagged with the upgrade or service) when the attempt ends, however it ends.
 */
export async function changePackageOnPanel(
  ctx: AppContext,
  deps: ProvisioningDeps,
  target: PanelTarget,
  tags: { upgradeId: number | null; serviceId: number },
  signal?: AbortSignal,
): Promise<ChangePackageResult> {
  const recorder = new DbPanelCallRecorder(ctx.ds, tags, ctx.log);
  const adapter = createPanelAdapter(target.server, recorder, {
    allowedNetworks: ctx.config.panelAllowedNetworks,
    ...deps.adapterOptions,
  });
  try {
    return await provisionWithLimit(
      { limiter: deps.limiter, server: target.server, adapter },
      target.username,
      target.panelPackage,
      { signal },
    );
  } finally {
    await recorder.flush();
  }
}
