import type { AppContext } from '../src/app/app-context.js';
import type { ProvisioningDeps } from '../src/app/provisioning/provisioning-deps.js';
import { provisionService } from '../src/app/provisioning/provision-service.js';
import { provisionUpgrade } from '../src/app/provisioning/provision-upgrade.js';
import { panelBackoffStrategy, runPanelJob } from '../src/panels/index.js';
import { processorFor } from './processor.js';

/**
 * Provisioning jobs: a full server moves the job to delayed without using an attempt (so other servers' jobs
 * keep the worker busy), permanent panel errors fail at once, others back off per panel error class.
 */
export const provisioningProcessor = (ctx: AppContext, deps: ProvisioningDeps) =>
  processorFor(ctx, 'provisioning', (payload, job, token, signal) => runPanelJob(job, token, () => {
    const at = { attempt: job.attemptsMade + 1, signal };
    return 'upgradeId' in payload ? provisionUpgrade(ctx, deps, payload.upgradeId, at) : provisionService(ctx, deps, payload.serviceId, at);
  }));

/** Worker settings: the panel retry policy decides each delay (job backoff type `panel`). */
export const provisioningWorkerSettings = { settings: { backoffStrategy: panelBackoffStrategy } };
