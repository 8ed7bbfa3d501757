import type { EmailTemplateName } from '../../mail/index.js';
import { lockForUpdate } from '../../db/lock-for-update.js';
import { emailKey, sendOnce } from '../../mail/index.js';
import { Product, Upgrade } from '../../db/entities/index.js';
import { processMetrics } from '../../observability/process-metrics.js';
import type { AppContext } from '../app-context.js';
import { NotFoundError, StepNotReadyError } from '../errors.js';
import { resumeFollowUps, serviceHasPanel } from '../upgrades/resume-follow-ups.js';
import { runStep } from '../run-step.js';
import { transitionUpgrade } from '../upgrades/transition-upgrade.js';
import { emailVarsFor } from './email-vars.js';
import type { NotificationDeps } from './notification-deps.js';

/**
 * The `email` step: renders and sends one upgrade email once (email log keyed `email:<template>:<upgradeId>`),
 * then — for the completion email — moves the upgrade to `completed`. A replay finds the key sent and sends
 * nothing; the completion transition is conditional, so it happens once too.
 */
export async function sendUpgradeEmail(
  ctx: AppContext,
  deps: NotificationDeps,
  upgradeId: number,
  template: EmailTemplateName,
): Promise<'sent' | 'already-sent'> {
  const upgrade = await ctx.ds.getRepository(Upgrade).findOneBy({ id: upgradeId });
  if (!upgrade) throw new NotFoundError('upgrade', upgradeId);
  if (template === 'upgrade-completed') await checkReadyToComplete(ctx, upgrade);
  const { to, vars } = await emailVarsFor(ctx.ds.manager, upgrade, template);
  const client =
    to === 'staff'
      ? ctx.config.staffEmail
      : (await ctx.ds.query<Array<{ email: string }>>('SELECT email FROM clients WHERE id = ?', [upgrade.clientId]))[0]
          .email;
  // The product's own upgrade email template (DESIGN §6) replaces the built-in completion template.
  const product = await ctx.ds
    .getRepository(Product)
    .findOneByOrFail({ id: upgrade.request.productId ?? upgrade.fromProductId });
  const templateName = template === 'upgrade-completed' ? product.upgradeEmailTemplate : template;
  const rendered = await deps.renderer.render(templateName, vars);
  const sent = await processMetrics().trackEmail(
    template,
    sendOnce(
      emailKey(template, upgradeId),
      { from: ctx.config.mailFrom, to: client, ...rendered },
      deps.emailLog,
      deps.transport,
      { template: templateName, upgradeId },
    ),
  );
  if (template === 'upgrade-completed') await completeUpgrade(ctx, upgradeId);
  return sent.status;
}

/** `applied` (no panel) or `provisioned` → `completed`, with the `upgrade.completed` webhook. */
async function completeUpgrade(ctx: AppContext, upgradeId: number): Promise<void> {
  await runStep(ctx, async (em) => {
    const upgrade = await lockForUpdate(em, Upgrade, { id: upgradeId });
    if (!upgrade || (upgrade.status !== 'applied' && upgrade.status !== 'provisioned'))
      return { result: undefined, followUps: [] };
    await transitionUpgrade(em, upgrade, 'completed', { actor: 'worker:email', webhookUrls: ctx.config.webhookUrls });
    return { result: undefined, followUps: await resumeFollowUps(em, upgrade) };
  });
}

/**
 * The completion email goes out only once the change is really done: `provisioned`, or `applied` for a product
 * without a panel module (or `completed`, where the email log makes a re-send a no-op). An early run — an ops
 * replay, say — must not tell the client the plan is active while the panel still has the old package.
 */
async function checkReadyToComplete(ctx: AppContext, upgrade: Upgrade): Promise<void> {
  const ready =
    upgrade.status === 'provisioned' ||
    upgrade.status === 'completed' ||
    (upgrade.status === 'applied' && !(await serviceHasPanel(ctx.ds.manager, upgrade.serviceId)));
  if (!ready)
    throw new StepNotReadyError(
      `upgrade ${upgrade.id} is ${upgrade.status}: the completion email waits for the panel change`,
    );
}
