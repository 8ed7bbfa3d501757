import type { AppContext } from '../src/app/app-context.js';
import type { NotificationDeps } from '../src/app/notifications/notification-deps.js';
import { sendUpgradeEmail } from '../src/app/notifications/send-upgrade-email.js';
import { processorFor } from './processor.js';

export const emailProcessor = (ctx: AppContext, deps: NotificationDeps) =>
  processorFor(ctx, 'email', ({ upgradeId, template }) => sendUpgradeEmail(ctx, deps, upgradeId, template));
