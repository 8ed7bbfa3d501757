import { currencyDecimals } from '../../domain/currencies.js';
import { joinedRead } from '../../db/joined-read.js';
import { Invoice, Service, Upgrade } from '../../db/entities/index.js';
import type { AppContext } from '../app-context.js';
import { NotFoundError } from '../errors.js';
import { runStep } from '../run-step.js';
import { creditReceivedMoney } from '../ledger.js';
import { applyUpgradeChange } from '../upgrades/apply-upgrade-change.js';
import { resumeFollowUps } from '../upgrades/resume-follow-ups.js';
import { transitionUpgrade } from '../upgrades/transition-upgrade.js';

const ACTOR = 'worker:invoice-paid';

/** The invoice, its upgrade and the upgrade's service, row-locked in that order by one statement. */
const lockPaidInvoice = joinedRead(
  { invoice: Invoice, upgrade: Upgrade, service: Service },
  `FROM invoices invoice LEFT JOIN upgrades upgrade ON upgrade.id = invoice.upgradeId
    LEFT JOIN services service ON service.id = upgrade.serviceId WHERE invoice.id = ?`,
  { lock: true },
);

/**
 * The `invoice-paid` step, one transaction with the invoice, upgrade and service rows locked: the upgrade
 * moves `invoiced → paid → applied` and the service gets its new product, cycle, options, recurring amount
 * and next due date. A re-run finds the upgrade past `invoiced` and only re-enqueues what is still needed.
 * If the service is no longer active the change is not applied: the upgrade is `rejected` and the amount
 * paid goes to the client's credit, so no money is lost.
 */
export async function applyPaidInvoice(ctx: AppContext, invoiceId: number): Promise<void> {
  await runStep(ctx, async (em) => {
    const rows = await lockPaidInvoice(em, [invoiceId]);
    if (!rows) throw new NotFoundError('invoice', invoiceId);
    const invoice = rows.invoice!;
    if (invoice.status !== 'paid' || !invoice.upgradeId) return { result: undefined, followUps: [] };
    const { upgrade, service } = rows;
    if (!upgrade || !service) throw new NotFoundError('upgrade', invoice.upgradeId);
    if (upgrade.status !== 'invoiced' && upgrade.status !== 'paid')
      return { result: undefined, followUps: await resumeFollowUps(em, upgrade) };

    // Moved from `invoiced` here: earlier steps enqueued their own webhook deliveries before their jobs completed, so
    // only this step's need enqueueing. From `paid` (left by an older release): every pending one is looked up.
    const fresh = upgrade.status === 'invoiced';
    const deliveries: number[] = [];
    const paid = fresh ? [{ status: 'paid' as const, note: `invoice ${invoice.id} paid` }] : [];
    const how = { actor: ACTOR, webhookUrls: ctx.config.webhookUrls, deliveries, via: paid };
    const outcome = await applyUpgradeChange(em, upgrade, how, currencyDecimals(upgrade.currency)!, service);
    if (!outcome.applied) {
      const reason = `service_not_active: service ${upgrade.serviceId} became ${outcome.serviceStatus} before the paid upgrade could be applied; ${invoice.currency} amount paid credited to the account`;
      const credited = await creditReceivedMoney(
        em,
        ctx.config.webhookUrls,
        {
          clientId: invoice.clientId,
          amount: invoice.amountPaid,
          currency: invoice.currency,
          reference: `refund-upgrade-${upgrade.id}`,
          description: `Paid upgrade #${upgrade.id} could not be applied`,
        },
        { paymentId: null, invoiceId: invoice.id, upgradeId: upgrade.id, reason: 'upgrade_not_applied' },
      );
      await transitionUpgrade(em, upgrade, 'rejected', { ...how, patch: { reason }, note: reason });
      deliveries.push(...credited);
      return {
        result: undefined,
        followUps: await resumeFollowUps(em, upgrade, { recordedDeliveries: fresh ? deliveries : undefined }),
      };
    }
    return {
      result: undefined,
      followUps: await resumeFollowUps(em, upgrade, {
        recordedDeliveries: fresh ? deliveries : undefined,
        service: outcome.service,
      }),
    };
  });
}
