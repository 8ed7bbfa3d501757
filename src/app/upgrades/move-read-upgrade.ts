import type { UpgradeStatus } from '../../domain/upgrade-status.js';
import type { Upgrade } from '../../db/entities/index.js';
import type { AppContext } from '../app-context.js';
import { StaleStateError } from '../errors.js';
import { runStep } from '../run-step.js';
import { resumeFollowUps } from './resume-follow-ups.js';
import { transitionUpgrade, type TransitionOptions } from './transition-upgrade.js';

/**
 * A step that read its upgrade outside a transaction (before a panel call, with an email's rows) moves it to `to` in
 * one transaction without a locking read: transitionUpgrade's conditional `UPDATE … WHERE status = <the status read>`
 * is the check. If another process moved it meanwhile, nothing changes and nothing is enqueued (that process did);
 * otherwise the move's own webhook deliveries and next jobs are enqueued after commit (earlier steps enqueued theirs).
 * Each try of the transaction (a deadlock retry) starts from a copy of the row as read.
 */
export async function moveReadUpgrade(
  ctx: AppContext,
  upgrade: Upgrade,
  to: UpgradeStatus,
  how: Omit<TransitionOptions, 'webhookUrls' | 'deliveries'>,
): Promise<void> {
  await runStep(ctx, async (em) => {
    const deliveries: number[] = [];
    const moved = { ...upgrade };
    try {
      await transitionUpgrade(em, moved, to, { ...how, webhookUrls: ctx.config.webhookUrls, deliveries });
    } catch (err) {
      if (err instanceof StaleStateError) return { result: undefined, followUps: [] };
      throw err;
    }
    return { result: undefined, followUps: await resumeFollowUps(em, moved, { recordedDeliveries: deliveries }) };
  });
}
