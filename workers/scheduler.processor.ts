import type { AppContext } from '../src/app/app-context.js';
import type { JobQueues } from '../src/app/ops/job-queues.js';
import { purgeIdempotencyKeys } from '../src/app/scheduler/purge-idempotency-keys.js';
import { applyDueDowngrades, expireUnpaidOrders, sweepStuck, type SweepOptions } from '../src/app/scheduler/sweeps.js';
import { sweepRetention } from '../src/app/scheduler/retention-sweep.js';
import { processorFor } from './processor.js';

/** The repeatable sweeps; `queues` is where the stuck sweep reads the state of the jobs that should be moving rows. */
export const schedulerProcessor = (ctx: AppContext, queues: JobQueues, opts: SweepOptions = {}) =>
  processorFor(ctx, 'scheduler', async ({ sweep }) => {
    switch (sweep) {
      case 'due-downgrades':
        return { applied: await applyDueDowngrades(ctx, opts) };
      case 'expire-orders':
        return { expired: await expireUnpaidOrders(ctx, opts) };
      case 'retention':
        return { deleted: await sweepRetention(ctx) };
      case 'stuck': {
        const { checked, inHand, healed, webhooks } = await sweepStuck(ctx, queues, opts);
        return {
          checked,
          inHand,
          healed: healed.map((h) => ({ upgradeId: h.upgradeId, state: h.state, healJobId: h.healJobId })),
          webhooks,
        };
      }
      case 'purge-idempotency-keys':
        return { deleted: await purgeIdempotencyKeys(ctx) };
    }
  });
