import { Client, Service, Upgrade, UpgradeHeal } from '../../db/entities/index.js';
import { emailKey, sendOnce } from '../../mail/index.js';
import { processMetrics } from '../../observability/process-metrics.js';
import type { HealableState } from '../../queues/job-payloads.js';
import type { AppContext } from '../app-context.js';
import { NotFoundError } from '../errors.js';
import type { NotificationDeps } from '../notifications/notification-deps.js';

const TEMPLATE = 'upgrade-healed';

/**
 * Tells staff (STAFF_EMAIL) that the healing sweep found upgrade `upgradeId` stuck in `state` and re-drove it: which
 * upgrade and invoice, since when, which job had failed or vanished, and the new job. Sent once per upgrade and state
 * (send-once key `email:upgrade-healed:<upgradeId>:<state>`), from the first heal of that state, however many rounds
 * the sweep needs.
 */
export async function sendHealReport(
  ctx: AppContext,
  deps: NotificationDeps,
  upgradeId: number,
  state: HealableState,
): Promise<'sent' | 'already-sent'> {
  const heal = await ctx.ds
    .getRepository(UpgradeHeal)
    .findOne({ where: { upgradeId, state }, order: { round: 'ASC' } });
  if (!heal) throw new NotFoundError(`heal of upgrade ${upgradeId} in state`, state);
  const upgrade = await ctx.ds.getRepository(Upgrade).findOneByOrFail({ id: upgradeId });
  const [service, client] = await Promise.all([
    ctx.ds.getRepository(Service).findOneByOrFail({ id: upgrade.serviceId }),
    ctx.ds.getRepository(Client).findOneByOrFail({ id: upgrade.clientId }),
  ]);
  const vars = {
    upgradeId,
    clientName: client.name,
    serviceDomain: service.domain,
    invoiceId: upgrade.invoiceId,
    stuckState: state === 'invoiced' ? 'invoiced (invoice paid)' : state,
    stuckSince: heal.stuckSince.toISOString(),
    queue: heal.queue,
    jobId: heal.jobId,
    jobState: heal.jobState,
    healJobId: heal.healJobId,
    healedAt: heal.at.toISOString(),
    currentStatus: upgrade.status,
  };
  const rendered = await deps.renderer.render(TEMPLATE, vars);
  const sent = await processMetrics().trackEmail(
    TEMPLATE,
    sendOnce(
      emailKey(TEMPLATE, upgradeId, state),
      { from: ctx.config.mailFrom, to: ctx.config.staffEmail, ...rendered },
      deps.emailLog,
      deps.transport,
      { template: TEMPLATE, upgradeId },
    ),
  );
  return sent.status;
}
