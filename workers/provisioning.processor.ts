import type { AppContext } from '../src/app/app-context.js';
import type { ProvisioningDeps } from '../src/app/provisioning/provisioning-deps.js';
import { provisionService } from '../src/app/provisioning/provision-service.js';
import { markProvisioningFailed, provisionUpgrade } from '../src/app/provisioning/provision-upgrade.js';
import { processorFor } from './processor.js';

/**
 * Provisioning jobs: ChangePackage for an upgrade (or a staff module command for a service). A full server brings the
 * job back later without using an attempt, permanent panel errors fail at once, others back off (their advice); the
 * last failure of an upgrade's job marks it `provisioning_failed` for ops.
 */
export const provisioningProcessor = (ctx: AppContext, deps: ProvisioningDeps) =>
  processorFor(
    ctx,
    'provisioning',
    (payload, job, _token, signal) => {
      const at = { attempt: job.attemptsMade + 1, signal };
      return 'upgradeId' in payload
        ? provisionUpgrade(ctx, deps, payload.upgradeId, at)
        : provisionService(ctx, deps, payload.serviceId, at);
    },
    {
      onFinalFailure: async (payload, err, attempt) => {
        if ('upgradeId' in payload) await markProvisioningFailed(ctx, payload.upgradeId, err.message, attempt);
      },
    },
  );
