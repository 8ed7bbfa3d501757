import { currencyDecimals } from '../../domain/currencies.js';
import { parseMoney } from '../../domain/money.js';
import { Upgrade } from '../../db/entities/index.js';
import { updateRows } from '../../db/row-writer.js';
import type { AppContext } from '../app-context.js';
import { lockUpgradeAndService } from './upgrade-and-service.js';
import { AppError, NotFoundError } from '../errors.js';
import { calendarDateIn } from '../clock.js';
import { runStep } from '../run-step.js';
import { applyUpgradeChange } from './apply-upgrade-change.js';
import { countPromotionUse } from './promotion-uses.js';
import { createUpgradeInvoice } from './create-upgrade-invoice.js';
import { quoteForService } from './quote-for-service.js';
import { resumeFollowUps } from './resume-follow-ups.js';
import { transitionUpgrade } from './transition-upgrade.js';
import { noticesFor } from './upgrade-follow-ups.js';

const ACTOR = 'worker:upgrade-orders';
/** States an invoiced upgrade reaches once its invoice is paid. */
const PAID_ONWARD: readonly string[] = ['paid', 'applied', 'provisioned', 'completed', 'provisioning_failed'];

/**
 * The `upgrade-orders` step. For a `queued` upgrade: re-check the guards and re-quote at the order's asOf (so
 * the invoice equals the preview), then — end-of-term downgrade → `scheduled`; nothing to pay → apply at once;
 * otherwise raise the invoice → `invoiced`. A guard or price that fails now → `rejected` with the reason.
 * Any other status means the step is done: it only re-enqueues what the current state still needs.
 */
export async function processUpgradeOrder(ctx: AppContext, upgradeId: number): Promise<Upgrade> {
  const { webhookUrls } = ctx.config;
  return runStep(ctx, async (em) => {
    const rows = await lockUpgradeAndService(em, [upgradeId]);
    if (!rows) throw new NotFoundError('upgrade', upgradeId);
    const upgrade = rows.upgrade!;
    const service = rows.service!;
    if (upgrade.status !== 'queued') {
      // A re-run. The first run may have committed the invoice and lost its notice before enqueueing it, and the
      // invoice may have been paid since: the notice is this step's, so it is enqueued again (the email log keeps it
      // single). Not for a cancelled order: nobody should be asked to pay a cancelled invoice.
      const lostNotice =
        upgrade.invoiceId !== null && PAID_ONWARD.includes(upgrade.status)
          ? noticesFor({ id: upgrade.id, status: 'invoiced' })
          : [];
      return { result: upgrade, followUps: [...lostNotice, ...(await resumeFollowUps(em, upgrade))] };
    }

    // Moved from `queued` here: earlier steps enqueued their own webhook deliveries, so only this step's are needed.
    const deliveries: number[] = [];
    const how = { actor: ACTOR, webhookUrls, deliveries };
    const done = async () => ({
      result: upgrade,
      followUps: await resumeFollowUps(em, upgrade, { recordedDeliveries: deliveries }),
    });
    const reject = async (reason: string) => {
      await transitionUpgrade(em, upgrade, 'rejected', { ...how, patch: { reason }, note: reason });
      return done();
    };
    let priced;
    try {
      // Promotions are judged by the day the order was placed (real clock), never by asOf (DESIGN §4.1).
      const promotionDate = calendarDateIn(ctx.config.billingTz, upgrade.createdAt);
      priced = await quoteForService(em, upgrade.serviceId, upgrade.request, {
        asOf: upgrade.asOf,
        promotionDate,
        actor: upgrade.actor,
        policy: ctx.config.policy,
        upgradeId,
        lockedService: service,
      });
    } catch (err) {
      if (err instanceof AppError) return reject(`${err.code}: ${err.message}`);
      throw err;
    }
    if (priced.promotion && !(await countPromotionUse(em, priced.promotion.id, upgrade.id))) {
      return reject(
        `promotion_invalid: promotion '${priced.promotion.code}' reached its limit of ${priced.promotion.maxUses} uses before this order was processed`,
      );
    }
    const { quote } = priced;
    const decimals = currencyDecimals(upgrade.currency)!;
    const total = parseMoney(quote.total, decimals, 'total');
    if (quote.timing === 'end-of-term') {
      await transitionUpgrade(em, upgrade, 'scheduled', {
        ...how,
        patch: { quote, total, effectiveDate: quote.effectiveDate },
      });
    } else if (!quote.invoiceRequired) {
      await updateRows(em, Upgrade, { quote, total }, { id: upgrade.id });
      Object.assign(upgrade, { quote, total });
      const outcome = await applyUpgradeChange(em, upgrade, how, decimals, service);
      if (!outcome.applied)
        return reject(`service_not_active: service ${upgrade.serviceId} is ${outcome.serviceStatus}`);
    } else {
      const invoice = await createUpgradeInvoice(em, upgrade, quote, {
        decimals,
        dueDate: ctx.clock.today(),
        inclusiveTax: priced.input.tax?.inclusive === true,
      });
      await transitionUpgrade(em, upgrade, 'invoiced', {
        ...how,
        patch: { quote, total, invoiceId: invoice.id },
      });
    }
    return done();
  });
}
