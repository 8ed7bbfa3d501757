import { randomUUID } from 'node:crypto';
import type { BillingCycle } from '../../domain/calendar/billing-cycle.js';
import { OpenUpgradeSlot, Promotion, Service, ServiceOption } from '../../db/entities/index.js';
import type { ServiceStatus } from '../../db/entities/service.entity.js';
import { jobIdFor } from '../../queues/job-ids.js';
import { lockForUpdate } from '../../db/lock-for-update.js';
import type { AppContext } from '../app-context.js';
import { catalogRecurringAmount } from '../catalog/catalog-recurring-amount.js';
import { toMinorUnits } from '../catalog/catalog-money.js';
import { lessLifetimePromotion, resolveLifetimePromotion } from '../catalog/lifetime-promotion.js';
import { loadServiceView } from '../catalog/load-service-view.js';
import type { OptionSelection } from '../catalog/load-service-view.js';
import { loadProductDefinition } from '../catalog/product-definition.js';
import { loadServiceResource, type ServiceResource } from '../catalog/services.js';
import { validateOptionSelections } from '../catalog/validate-option-selections.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { runStep, type FollowUp } from '../run-step.js';
import { openTerm } from '../term-ledger.js';

/** A staff change without an order (WHMCS "manual upgrade"; validated by src/api/schemas/service-body.ts). */
export interface ManualChange {
  productId?: number;
  billingCycle?: BillingCycle;
  options?: OptionSelection[];
  nextDueDate?: string | null;
  /** Decimal string in the service's currency. */
  recurringAmount?: string;
  /** Set the recurring amount from the catalog. Ignored when `recurringAmount` is given. */
  recalculate?: boolean;
  /** Also run the panel's ChangePackage for the (new) product. */
  changePackage?: boolean;
  status?: ServiceStatus;
  /** The front-end has (true) or no longer has (false) an unpaid renewal invoice for the service. */
  unpaidRenewal?: boolean;
  /**
   * Code of a promotion created with `lifetime: true` for the service to carry from now on (its upgrade quotes, and
   * `recalculate`); null removes it. Left out: unchanged. The recurring amount changes only with `recalculate` or
   * `recurringAmount`.
   */
  lifetimePromoCode?: string | null;
}

/**
 * Changes a service directly: product, cycle, options, next due date, recurring amount (given, or recalculated
 * from the catalog less the lifetime promotion), status, the unpaid-renewal flag, the lifetime promotion — nothing is
 * invoiced or credited. Moving the next due date
 * opens a new term, taken as billed at the (new) recurring amount: that is how a front-end reports a renewal. With `changePackage`, ChangePackage is queued
 * after commit. Refused (409) while an upgrade order is open, so an order and a manual change never race.
 */
export async function manualChange(
  ctx: AppContext,
  serviceId: number,
  body: ManualChange,
): Promise<ServiceResource & { changePackageJobId: string | null }> {
  let jobId: string | null = null;
  const requestId = randomUUID();
  const resource = await runStep(ctx, async (em) => {
    const service = await lockForUpdate(em, Service, { id: serviceId });
    if (!service) throw new NotFoundError('service', serviceId);
    // Reporting a renewal invoice changes nothing an order was priced on, so it is allowed while an order is open.
    const onlyRenewalFlag = Object.keys(body).every((k) => k === 'unpaidRenewal');
    const slot = onlyRenewalFlag ? null : await em.findOneBy(OpenUpgradeSlot, { serviceId });
    if (slot)
      throw new ConflictError(
        'upgrade_open',
        `service ${serviceId} has an open upgrade (${slot.upgradeId}); cancel it before changing the service by hand`,
      );
    // The term the service is in was billed at its current amount (opened now if Upshift has not seen it yet).
    await openTerm(em, service);
    const view = await loadServiceView(em, serviceId);
    const productId = body.productId ?? service.productId;
    const def = await loadProductDefinition(em, productId);
    const changed = new Map((body.options ?? []).map((o) => [o.optionId, o]));
    const merged = [...view.options.filter((o) => !changed.has(o.optionId)), ...changed.values()].filter(
      (o) => def.options.some((d) => d.id === o.optionId) || changed.has(o.optionId),
    );
    validateOptionSelections(def.options, merged);
    const billingCycle = body.billingCycle ?? service.billingCycle;
    const periodic = billingCycle !== 'free' && billingCycle !== 'onetime';
    const nextDueDate = !periodic ? null : body.nextDueDate !== undefined ? body.nextDueDate : service.nextDueDate;
    // The promotion must fit the product the service will have; an existing one is kept as it is.
    const lifetime =
      body.lifetimePromoCode === undefined
        ? service.lifetimePromotionId === null
          ? null
          : await em.findOneBy(Promotion, { id: service.lifetimePromotionId })
        : body.lifetimePromoCode === null
          ? null
          : await resolveLifetimePromotion(em, body.lifetimePromoCode, {
              productId,
              currency: service.currency,
              today: ctx.clock.today(),
            });
    const recurringAmount =
      body.recurringAmount !== undefined
        ? toMinorUnits(body.recurringAmount, service.currency, 'recurringAmount')
        : body.recalculate
          ? lessLifetimePromotion(catalogRecurringAmount(def, service.currency, billingCycle, merged), lifetime)
          : service.recurringAmount;
    const moduleChanged =
      def.product.id !== service.productId &&
      def.product.serverId !== null &&
      (await loadProductDefinition(em, service.productId)).product.module !== def.product.module;
    await em.update(
      Service,
      { id: serviceId },
      {
        productId,
        billingCycle,
        nextDueDate,
        recurringAmount,
        status: body.status ?? service.status,
        anchorDay:
          nextDueDate === null
            ? null
            : nextDueDate === service.nextDueDate
              ? service.anchorDay
              : Number(nextDueDate.slice(8, 10)),
        serverId: moduleChanged ? def.product.serverId : service.serverId,
        unpaidRenewal: body.unpaidRenewal ?? service.unpaidRenewal,
        lifetimePromotionId: lifetime?.id ?? null,
      },
    );
    // A new due date is a new term (a renewal the front-end reports): billed at the amount the service now has.
    await openTerm(em, { id: serviceId, nextDueDate, recurringAmount, currency: service.currency });
    for (const o of changed.values()) {
      await em.upsert(
        ServiceOption,
        { serviceId, optionId: o.optionId, choiceId: o.choiceId ?? null, qty: o.qty ?? null },
        ['serviceId', 'optionId'],
      );
    }
    const changePackage: FollowUp | null = body.changePackage
      ? { queue: 'provisioning', payload: { serviceId, requestId } }
      : null;
    if (changePackage) jobId = jobIdFor(changePackage.queue, changePackage.payload);
    const followUps: FollowUp[] = changePackage ? [changePackage] : [];
    return { result: await loadServiceResource(em, serviceId), followUps };
  });
  return { ...resource, changePackageJobId: jobId };
}

/** `POST /v1/services/:id/module/change-package`: queue ChangePackage to the service's current product package. */
export async function requestChangePackage(ctx: AppContext, serviceId: number): Promise<{ jobId: string }> {
  const service = await ctx.ds.getRepository(Service).findOneBy({ id: serviceId });
  if (!service) throw new NotFoundError('service', serviceId);
  const jobId = await ctx.jobs.enqueue('provisioning', { serviceId, requestId: randomUUID() });
  return { jobId };
}
