import type { EmailTemplateName } from '../../mail/index.js';
import { emailKey, sendOnce } from '../../mail/index.js';
import type { Service, Upgrade } from '../../db/entities/index.js';
import { processMetrics } from '../../observability/process-metrics.js';
import type { AppContext } from '../app-context.js';
import { cachedProduct } from '../catalog/catalog-cache.js';
import { StepNotReadyError } from '../errors.js';
import { pastEmailLogRetention } from '../scheduler/retention-sweep.js';
import { serviceHasPanel } from '../upgrades/resume-follow-ups.js';
import { moveReadUpgrade } from '../upgrades/move-read-upgrade.js';
import { emailVarsFor, loadUpgradeEmailRows } from './email-vars.js';
import type { NotificationDeps } from './notification-deps.js';

/**
 * The `email` step: renders and sends one upgrade email once (email log keyed `email:<template>:<upgradeId>`),
 * then — for the completion email — moves the upgrade to `completed`. A replay finds the key sent and sends
 * nothing; the completion transition is conditional, so it happens once too. An upgrade terminal for longer than
 * the email log keeps its keys gets nothing ('past-retention'): its send-once key may be gone.
 */
export async function sendUpgradeEmail(
  ctx: AppContext,
  deps: NotificationDeps,
  upgradeId: number,
  template: EmailTemplateName,
): Promise<'sent' | 'already-sent' | 'past-retention'> {
  const em = ctx.ds.manager;
  const rows = await loadUpgradeEmailRows(em, upgradeId); // upgrade, service, client, invoice: one statement
  const { upgrade } = rows;
  if (pastEmailLogRetention(ctx, upgrade)) return 'past-retention';
  if (template === 'upgrade-completed') await checkReadyToComplete(ctx, upgrade, rows.service);
  const { to, vars } = await emailVarsFor(em, rows, template);
  const recipient = to === 'staff' ? ctx.config.staffEmail : rows.client.email;
  // The product's own upgrade email template (DESIGN §6) replaces the built-in completion template.
  const product = await cachedProduct(em, upgrade.request.productId ?? upgrade.fromProductId);
  const templateName = template === 'upgrade-completed' ? product.upgradeEmailTemplate : template;
  const rendered = await deps.renderer.render(templateName, vars);
  const sent = await processMetrics().trackEmail(
    template,
    sendOnce(
      emailKey(template, upgradeId),
      { from: ctx.config.mailFrom, to: recipient, ...rendered },
      deps.emailLog,
      deps.transport,
      { template: templateName, upgradeId },
    ),
  );
  if (template === 'upgrade-completed') await completeUpgrade(ctx, upgrade);
  return sent.status;
}

/**
 * `applied` (no panel) or `provisioned` → `completed`, with the `upgrade.completed` webhook. The status read with the
 * email's rows is the one the conditional UPDATE expects; if another process completed it meanwhile, nothing changes.
 */
async function completeUpgrade(ctx: AppContext, upgrade: Upgrade): Promise<void> {
  if (upgrade.status !== 'applied' && upgrade.status !== 'provisioned') return;
  await moveReadUpgrade(ctx, upgrade, 'completed', { actor: 'worker:email' });
}

/**
 * The completion email goes out only once the change is really done: `provisioned`, or `applied` for a product
 * without a panel module (or `completed`, where the email log makes a re-send a no-op). An early run — an ops
 * replay, say — must not tell the client the plan is active while the panel still has the old package.
 */
async function checkReadyToComplete(ctx: AppContext, upgrade: Upgrade, service: Service): Promise<void> {
  const ready =
    upgrade.status === 'provisioned' ||
    upgrade.status === 'completed' ||
    (upgrade.status === 'applied' && !(await serviceHasPanel(ctx.ds.manager, upgrade.serviceId, service)));
  if (!ready)
    throw new StepNotReadyError(
      `upgrade ${upgrade.id} is ${upgrade.status}: the completion email waits for the panel change`,
    );
}
