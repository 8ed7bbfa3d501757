import type { AppContext } from '../src/app/app-context.js';
import type { NotificationDeps } from '../src/app/notifications/notification-deps.js';
import { sendUpgradeEmail } from '../src/app/notifications/send-upgrade-email.js';
import { sendHealReport } from '../src/app/scheduler/send-heal-report.js';
import { processorFor } from './processor.js';

/**
 * Email jobs: the upgrade emails, and the healing sweep's staff report (`upgrade-healed`). An SMTP 5xx or a template
 * that cannot render fails at once; a 4xx or a dropped connection backs off; an email another sender holds is looked
 * at again later without using an attempt (MailClaimHeldError).
 */
export const emailProcessor = (ctx: AppContext, deps: NotificationDeps) =>
  processorFor(ctx, 'email', async (payload) => {
    // An upgrade finished long ago may have lost its send-once keys to retention: sendUpgradeEmail sends nothing.
    return payload.template === 'upgrade-healed'
      ? sendHealReport(ctx, deps, payload.upgradeId, payload.state)
      : sendUpgradeEmail(ctx, deps, payload.upgradeId, payload.template);
  });
