import type { EntityManager } from 'typeorm';
import { Promotion } from '../../db/entities/promotion.entity.js';
import { Service, type ServiceStatus } from '../../db/entities/service.entity.js';
import { toMinorUnits, toMoneyString } from './catalog-money.js';
import { loadServiceView, type ServiceView } from './load-service-view.js';
import type { OptionSelection } from './load-service-view.js';
import type { AppContext } from '../app-context.js';
import { Client } from '../../db/entities/client.entity.js';
import { PanelServer } from '../../db/entities/panel-server.entity.js';
import { Product } from '../../db/entities/product.entity.js';
import { ServiceOption } from '../../db/entities/service-option.entity.js';
import type { BillingCycle } from '../../domain/calendar/billing-cycle.js';
import { daysInMonth } from '../../domain/calendar/day-number.js';
import { BusinessRuleError, ValidationError } from '../errors.js';
import { openTerm } from '../term-ledger.js';
import { catalogRecurringAmount } from './catalog-recurring-amount.js';
import { lessLifetimePromotion, resolveLifetimePromotion } from './lifetime-promotion.js';
import { loadProductDefinition } from './product-definition.js';
import { requireReference } from './require-reference.js';
import { validateOptionSelections } from './validate-option-selections.js';

/** A service as the API shows it: the fields it is created with, plus id and currency. */
export interface ServiceResource {
  id: number;
  clientId: number;
  productId: number;
  serverId: number | null;
  domain: string;
  username: string;
  billingCycle: BillingCycle;
  nextDueDate: string | null;
  anchorDay: number | null;
  recurringAmount: string;
  /** The client's currency. */
  currency: string;
  status: ServiceStatus;
  options: OptionSelection[];
  /** The billing front-end reported an unpaid renewal invoice; upgrades wait (409 `renewal_unpaid`). */
  unpaidRenewal: boolean;
  /** The code of the lifetime promotion every renewal and upgrade quote of the service gets; null for none. */
  lifetimePromoCode: string | null;
}

/** The service as the API shows it, read through `em` (inside the caller's transaction when there is one). */
export async function loadServiceResource(em: EntityManager, serviceId: number): Promise<ServiceResource> {
  const view = await loadServiceView(em, serviceId);
  const promo =
    view.lifetimePromotionId === null
      ? null
      : await em.findOne(Promotion, { where: { id: view.lifetimePromotionId }, select: { id: true, code: true } });
  return toServiceResource(view, promo?.code ?? null);
}

export function toServiceResource(s: ServiceView, lifetimePromoCode: string | null): ServiceResource {
  return {
    id: s.id,
    clientId: s.clientId,
    productId: s.productId,
    serverId: s.serverId,
    domain: s.domain,
    username: s.username,
    // The column holds a cycle the API schema validated (src/api/schemas/service-body.ts).
    billingCycle: s.billingCycle as BillingCycle,
    nextDueDate: s.nextDueDate,
    anchorDay: s.anchorDay,
    recurringAmount: toMoneyString(s.recurringAmount, s.currency),
    currency: s.currency,
    status: s.status,
    options: s.options,
    unpaidRenewal: s.unpaidRenewal,
    lifetimePromoCode,
  };
}

export interface CreateServiceInput {
  clientId: number;
  productId: number;
  /** @defaultValue the product's server (undefined); null for none */
  serverId?: number | null;
  domain: string;
  username: string;
  billingCycle: string;
  /** Required for recurring cycles, null for free and onetime (checked by the API schema). */
  nextDueDate?: string | null;
  /** @defaultValue the day of nextDueDate */
  anchorDay?: number | null;
  /** Decimal string in the client's currency. @defaultValue the catalog price (product + options) */
  recurringAmount?: string;
  options: OptionSelection[];
  status: ServiceStatus;
  /** @defaultValue false */
  unpaidRenewal?: boolean;
  /** Code of a `lifetime` promotion the service carries (every renewal, upgrade quotes). @defaultValue none */
  lifetimePromoCode?: string | null;
}

/** Billing day of a service: given, or the day of its next due date; it must agree with that date. */
function resolveAnchorDay(nextDueDate: string | null, anchorDay: number | null | undefined): number | null {
  if (nextDueDate === null) return null;
  const [year, month, day] = nextDueDate.split('-').map(Number) as [number, number, number];
  if (anchorDay === undefined || anchorDay === null) return day;
  if (Math.min(anchorDay, daysInMonth(year, month)) !== day) {
    const message = `billing day ${anchorDay} does not match nextDueDate ${nextDueDate}`;
    throw new ValidationError(`anchorDay: ${message}`, [{ field: 'anchorDay', message }]);
  }
  return anchorDay;
}

/**
 * Creates a service in the client's currency (DESIGN §4 `POST /v1/services`), in one transaction: the
 * options are checked against the product's (422 `unknown_option`, `invalid_quantity`), and the recurring
 * amount defaults to the catalog price at the cycle (422 `price_unavailable` when there is none), less the lifetime
 * promotion when one is given (422 `promotion_invalid` on `lifetimePromoCode` when it cannot be carried).
 */
export async function createService(ctx: AppContext, input: CreateServiceInput): Promise<ServiceResource> {
  return ctx.ds.transaction(async (em) => {
    const client = await requireReference(em, Client, input.clientId, 'clientId', 'unknown_client', 'client');
    const product = await requireReference(em, Product, input.productId, 'productId', 'unknown_product', 'product');
    const def = await loadProductDefinition(em, product.id);
    const serverId = input.serverId === undefined ? def.product.serverId : input.serverId;
    if (serverId !== null) {
      const server = await requireReference(em, PanelServer, serverId, 'serverId', 'unknown_server', 'server');
      if (def.product.module !== null && server.type !== def.product.module) {
        const message = `server ${server.id} is a ${server.type} server, product ${product.id} needs ${def.product.module}`;
        throw new BusinessRuleError('server_type_mismatch', `serverId: ${message}`, [{ field: 'serverId', message }]);
      }
    }
    validateOptionSelections(def.options, input.options);
    const nextDueDate = input.nextDueDate ?? null;
    const anchorDay = resolveAnchorDay(nextDueDate, input.anchorDay);
    const lifetime =
      input.lifetimePromoCode == null
        ? null
        : await resolveLifetimePromotion(em, input.lifetimePromoCode, {
            productId: product.id,
            currency: client.currency,
            today: ctx.clock.today(),
          });
    const recurringAmount =
      input.recurringAmount !== undefined
        ? toMinorUnits(input.recurringAmount, client.currency, 'recurringAmount')
        : lessLifetimePromotion(
            catalogRecurringAmount(def, client.currency, input.billingCycle, input.options),
            lifetime,
          );

    const inserted = await em.getRepository(Service).insert({
      clientId: client.id,
      productId: product.id,
      serverId,
      domain: input.domain,
      username: input.username,
      billingCycle: input.billingCycle,
      nextDueDate,
      anchorDay,
      recurringAmount,
      currency: client.currency,
      status: input.status,
      lifetimePromotionId: lifetime?.id ?? null,
      unpaidRenewal: input.unpaidRenewal ?? false,
    });
    const serviceId = Number(inserted.identifiers[0].id);
    // The current term was billed at the recurring amount: that is what later credits are capped by.
    await openTerm(em, { id: serviceId, nextDueDate, recurringAmount, currency: client.currency });
    if (input.options.length > 0) {
      await em.getRepository(ServiceOption).insert(
        input.options.map((o) => ({
          serviceId,
          optionId: o.optionId,
          choiceId: o.choiceId ?? null,
          qty: o.qty ?? null,
        })),
      );
    }
    return loadServiceResource(em, serviceId);
  });
}

export async function getService(ctx: AppContext, id: number): Promise<ServiceResource> {
  return loadServiceResource(ctx.ds.manager, id);
}
