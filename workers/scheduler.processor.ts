import type { AppContext } from '../src/app/app-context.js';
import { purgeIdempotencyKeys } from '../src/app/scheduler/purge-idempotency-keys.js';
import { applyDueDowngrades, expireUnpaidOrders, requeueStuck, type SweepOptions } from '../src/app/scheduler/sweeps.js';
import { processorFor } from './processor.js';

export const schedulerProcessor = (ctx: AppContext, opts: SweepOptions = {}) =>
  processorFor(ctx, 'scheduler', async ({ sweep }) => {
    switch (sweep) {
      case 'due-downgrades': return { applied: await applyDueDowngrades(ctx, opts) };
      case 'expire-orders': return { expired: await expireUnpaidOrders(ctx, opts) };
      case 'stuck': return { requeued: await requeueStuck(ctx, opts) };
      case 'purge-idempotency-keys': return { deleted: await purgeIdempotencyKeys(ctx) };
    }
  });
