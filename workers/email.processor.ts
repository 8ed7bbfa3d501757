import { DelayedError } from 'bullmq';
import type { AppContext } from '../src/app/app-context.js';
import type { NotificationDeps } from '../src/app/notifications/notification-deps.js';
import { sendUpgradeEmail } from '../src/app/notifications/send-upgrade-email.js';
import { sendHealReport } from '../src/app/scheduler/send-heal-report.js';
import { isPastEmailLogRetention } from '../src/app/scheduler/retention-sweep.js';
import { MailTemporaryError } from '../src/mail/index.js';
import { processorFor } from './processor.js';

/** How long an email job waits before looking again at a claim another sender holds. */
export const CLAIM_RECHECK_MS = 5_000;

/**
 * Email jobs: the upgrade emails, and the healing sweep's staff report (`upgrade-healed`). When another sender holds the email's claim (`EINPROGRESS`), the job waits for it without using an
 * attempt: either that send finishes (this job then finds it sent, and completes the upgrade) or its sender died and
 * the claim goes stale (this job takes it over). Counting those waits as attempts let a job run out of attempts
 * before a dead sender's claim went stale, leaving the upgrade `provisioned` for good.
 */
export const emailProcessor = (ctx: AppContext, deps: NotificationDeps) =>
  processorFor(ctx, 'email', async (payload, job, token) => {
    // An upgrade finished long ago may have lost its send-once keys to retention: send nothing (it was sent, or is moot).
    if (payload.template !== 'upgrade-healed' && await isPastEmailLogRetention(ctx, payload.upgradeId)) return 'past-retention';
    try {
      return payload.template === 'upgrade-healed'
        ? await sendHealReport(ctx, deps, payload.upgradeId, payload.state)
        : await sendUpgradeEmail(ctx, deps, payload.upgradeId, payload.template);
    } catch (err) {
      if (!(err instanceof MailTemporaryError && err.code === 'EINPROGRESS')) throw err;
      await job.moveToDelayed(Date.now() + CLAIM_RECHECK_MS, token);
      throw new DelayedError();
    }
  });
