import type { Processor } from 'bullmq';
import type { ChangePackageResult } from '../../../../src/panels/change-package.js';
import type { PanelAdapter } from '../../../../src/panels/panel-adapter.js';
import type { PanelServerConfig } from '../../../../src/panels/panel-server-config.js';
import { provisionWithLimit, type ServerSlotOptions } from '../../../../src/panels/provision-with-limit.js';
import type { ServerLimiter } from '../../../../src/panels/server-limiter.js';
import type { RetryPolicy } from '../../../../src/queues/retry-policies.js';
import { failAttempt } from '../../../../workers/bullmq-retry.js';

/** Job data of the test provisioning queue: ids and names only, never a secret. */
export interface PanelJobData {
  serverId: number;
  user: string;
  package: string;
}

/** A server the processor can reach. */
export interface KnownServer {
  config: PanelServerConfig;
  adapter: PanelAdapter;
}

/**
 * The processor the tests' workers run, in-process and in child processes: the same `provisionWithLimit` and the
 * same failure mapping (`failAttempt`) a real provisioning worker uses, with servers looked up by id.
 */
export function panelJobProcessor(
  limiter: ServerLimiter,
  servers: ReadonlyMap<number, KnownServer>,
  slot: ServerSlotOptions,
  policy: RetryPolicy,
): Processor<PanelJobData, ChangePackageResult> {
  return async (job, token, signal) => {
    try {
      const server = servers.get(job.data.serverId);
      if (!server) throw new Error(`unknown server ${job.data.serverId}`);
      return await provisionWithLimit(
        { limiter, server: server.config, adapter: server.adapter },
        job.data.user,
        job.data.package,
        { ...slot, signal },
      );
    } catch (err) {
      throw (await failAttempt(err, job, token, policy)).error;
    }
  };
}
