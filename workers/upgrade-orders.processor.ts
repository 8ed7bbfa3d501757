import type { AppContext } from '../src/app/app-context.js';
import { processUpgradeOrder } from '../src/app/upgrades/process-upgrade-order.js';
import { processorFor } from './processor.js';

export const upgradeOrdersProcessor = (ctx: AppContext) =>
  processorFor(ctx, 'upgrade-orders', async ({ upgradeId }) => (await processUpgradeOrder(ctx, upgradeId)).status);
