import type { EntityManager } from 'typeorm';
import { capAccountCredit } from '../../domain/credit-cap.js';
import { formatMoney, parseMoney } from '../../domain/money.js';
import { currencyDecimals } from '../../domain/currencies.js';
import { quote, type Quote, type QuoteInput } from '../../domain/quote/index.js';
import {
  Promotion,
  ServiceTerm,
  type Client,
  type PricedQuote,
  type Product,
  type Service,
} from '../../db/entities/index.js';
import { readRow } from '../../db/row-reader.js';
import { loadProductCatalog, type ServiceView } from '../catalog/load-product-catalog.js';
import { loadQuoteRows } from './load-quote-rows.js';
import type { PolicyConfig } from '../../config/config.js';
import { BusinessRuleError, ConflictError } from '../errors.js';
import { termEndOf } from '../term-ledger.js';
import { withQuoteErrors } from './quote-error-mapping.js';
import type { Actor, QuoteRequest } from './upgrade-request.js';

/**
 * A quote as the API shows it: the §3 numbers unchanged, plus `creditToAccountCapped`, the part of
 * `creditToAccount` that would reach the account now — capped by what the term was paid (DESIGN §2).
 */
export type { PricedQuote };

/** Everything a priced upgrade request resolved to. */
export interface ServiceQuote {
  quote: PricedQuote;
  input: QuoteInput;
  service: ServiceView;
  client: Client;
  currentProduct: Product;
  targetProduct: Product;
  /** The upgrade promotion applied, if any. */
  promotion: Promotion | null;
  /** Another open upgrade of the service (only returned under the `replace` policy; `block` refuses it). */
  openUpgradeId: number | null;
}

export interface QuoteForServiceOptions {
  /** The date the change is priced at (checked by resolveBillingDate). */
  asOf: string;
  /**
   * The real-clock date promotions are judged by (expiry, DESIGN §4.1): today when quoting or placing, the day the
   * order was placed when it is processed — never `asOf`.
   */
  promotionDate: string;
  actor: Actor;
  policy: PolicyConfig;
  /** The upgrade being processed: it does not count as "another open upgrade". */
  upgradeId?: number;
  /**
   * Row-lock the service until the caller's transaction ends, so the guards checked here still hold when the order
   * is written (placing, processing). @defaultValue false (a preview)
   */
  lock?: boolean;
  /** The service row, when the caller has row-locked it already in this transaction (saves the lock). */
  lockedService?: Service;
}

/**
 * Prices a request for a service exactly as the order will be priced: checks the guards of DESIGN §2, builds
 * the §3 quote input from the database (catalog prices in the client's currency, the client's tax rates, the
 * service's lifetime promotion, the promo code) and runs the pure quote function. Used by the quote
 * endpoint, when an order is placed, and again when it is processed.
 */
export async function quoteForService(
  em: EntityManager,
  serviceId: number,
  request: QuoteRequest,
  opts: QuoteForServiceOptions,
): Promise<ServiceQuote> {
  const { service, client, slotUpgradeId } = await loadQuoteRows(
    em,
    serviceId,
    opts.lockedService ?? opts.lock ?? false,
  );
  const decimals = currencyDecimals(service.currency);
  if (decimals === undefined)
    throw new BusinessRuleError(
      'unsupported_currency',
      `service ${serviceId} is billed in ${service.currency}, which Upshift does not support`,
    );

  const openUpgradeId = checkStateGuards(service, slotUpgradeId, opts);
  const current = await loadProductCatalog(em, service.productId, service.currency);
  const targetId = request.productId ?? service.productId;
  const target =
    targetId === service.productId
      ? current
      : await loadProductCatalog(em, targetId, service.currency).catch(() => null);
  if (!target)
    throw new BusinessRuleError('unknown_product', `productId: product ${targetId} does not exist`, [
      { field: 'productId', message: 'no such product' },
    ]);
  checkTargetAllowed(opts.actor, current.product, target.product, request);

  const promotion = request.promoCode
    ? await findUsablePromotion(em, request.promoCode, target.product.id, opts.promotionDate, service.currency)
    : null;
  const lifetime = service.lifetimePromotionId
    ? await readRow(em, Promotion, { id: service.lifetimePromotionId })
    : null;
  const options = new Map([...current.configOptions, ...target.configOptions].map((o) => [o.id, o]));
  const isProductChange =
    targetId !== service.productId || (request.billingCycle ?? service.billingCycle) !== service.billingCycle;

  const input: QuoteInput = {
    asOf: opts.asOf,
    currency: { code: service.currency, decimals },
    policy: {
      dayCount: opts.policy.dayCount,
      billingAnchor: opts.policy.billingAnchor,
      downgradeTiming: opts.policy.downgradeTiming,
      creditOnDowngrade: opts.policy.creditOnDowngrade,
    },
    options: [...options.values()],
    current: {
      productId: service.productId,
      productName: current.product.name,
      billingCycle: service.billingCycle as QuoteInput['current']['billingCycle'],
      nextDueDate: service.nextDueDate,
      anchorDay: service.anchorDay,
      recurringAmount: formatMoney(service.recurringAmount, decimals),
      options: service.options,
    },
    target: {
      productId: targetId,
      productName: target.product.name,
      ...(request.billingCycle ? { billingCycle: request.billingCycle } : {}),
      ...(isProductChange ? { productPricing: target.pricing } : {}),
      ...(request.options ? { options: request.options } : {}),
    },
    promotion: promotion ? promotionInput(promotion, decimals) : null,
    // §3's lifetimePromotion takes { code, type, value }: appliesToUpgrades belongs to order promotions (and is refused).
    lifetimePromotion: lifetime
      ? (({ code, type, value }) => ({ code, type, value }))(promotionInput(lifetime, decimals))
      : null,
    tax: client.taxExempt
      ? { taxable: false, rates: [] }
      : {
          taxable: target.product.taxable,
          inclusive: client.taxInclusive,
          compound: client.taxCompound,
          rates: client.taxRates,
        },
  };
  const result = withQuoteErrors(() => quote(input));
  const priced: PricedQuote = {
    ...result,
    creditToAccountCapped: await previewCappedCredit(em, service, result, decimals),
  };
  return {
    quote: priced,
    input,
    service,
    client,
    currentProduct: current.product,
    targetProduct: target.product,
    promotion,
    openUpgradeId,
  };
}

/** The account credit the change would give if applied now: the quote's, capped by the term's unspent payments. */
async function previewCappedCredit(
  em: EntityManager,
  service: ServiceView,
  q: Quote,
  decimals: number,
): Promise<string> {
  const m = (v: string) => parseMoney(v, decimals, 'quote');
  if (m(q.creditToAccount) === 0n) return q.creditToAccount;
  const row = await em.findOneBy(ServiceTerm, { serviceId: service.id, termEnd: termEndOf(service.nextDueDate) });
  const term = row
    ? { paidFor: row.paidFor, credited: row.credited }
    : { paidFor: service.recurringAmount, credited: 0n };
  const capped = capAccountCredit({
    credit: m(q.credit),
    subtotal: m(q.subtotal),
    discount: m(q.discount),
    creditToAccount: m(q.creditToAccount),
    startsNewTerm: termEndOf(q.newNextDueDate) !== termEndOf(service.nextDueDate),
    term,
  });
  return formatMoney(capped.accountCredit, decimals);
}

/** Active service, no other open upgrade (policy `block`), no unpaid renewal invoice reported by the front-end. */
function checkStateGuards(
  service: ServiceView,
  slotUpgradeId: number | null,
  opts: QuoteForServiceOptions,
): number | null {
  if (service.status !== 'active')
    throw new ConflictError(
      'service_not_active',
      `service ${service.id} is ${service.status}; only active services can be upgraded`,
    );
  const openUpgradeId = slotUpgradeId !== null && slotUpgradeId !== opts.upgradeId ? slotUpgradeId : null;
  if (openUpgradeId !== null && opts.policy.concurrentUpgrades === 'block') {
    throw new ConflictError(
      'upgrade_open',
      `service ${service.id} already has an open upgrade (${openUpgradeId}); cancel it or wait for it to finish`,
    );
  }
  if (service.unpaidRenewal) {
    throw new ConflictError(
      'renewal_unpaid',
      `service ${service.id} has an unpaid renewal invoice (reported by the billing front-end); it must be paid before the service is upgraded`,
    );
  }
  return openUpgradeId;
}

/** Clients may only move to the product's upgrade targets, and change options only where the product allows it. */
function checkTargetAllowed(actor: Actor, current: Product, target: Product, request: QuoteRequest): void {
  if (actor !== 'client') return;
  if (target.id !== current.id && !current.upgradeTargets.includes(target.id)) {
    throw new BusinessRuleError(
      'target_not_allowed',
      `productId: ${current.name} cannot be changed to product ${target.id} by the client`,
      [{ field: 'productId', message: 'not an allowed upgrade target' }],
    );
  }
  if (request.options?.length && !target.allowOptionUpgrades) {
    throw new BusinessRuleError(
      'option_upgrades_not_allowed',
      `options: ${target.name} does not allow clients to change configurable options`,
      [{ field: 'options', message: 'option upgrades are not allowed for this product' }],
    );
  }
}

/** A promotion by code that exists, has not expired by `date` (a real-clock date), covers the product and has uses left. */
async function findUsablePromotion(
  em: EntityManager,
  code: string,
  productId: number,
  date: string,
  currency: string,
): Promise<Promotion> {
  const promo = await em.findOneBy(Promotion, { code });
  const refuse = (why: string) =>
    new BusinessRuleError('promotion_invalid', `promoCode: ${why}`, [{ field: 'promoCode', message: why }]);
  if (!promo) throw refuse(`no promotion with code '${code}'`);
  if (promo.expiresAt && promo.expiresAt < date) throw refuse(`promotion '${code}' expired on ${promo.expiresAt}`);
  if (promo.productIds.length && !promo.productIds.includes(productId))
    throw refuse(`promotion '${code}' does not apply to product ${productId}`);
  if (promo.maxUses !== null && promo.uses >= promo.maxUses)
    throw refuse(`promotion '${code}' has reached its limit of ${promo.maxUses} uses`);
  if (promo.type === 'fixed' && promo.currency !== currency)
    throw refuse(`promotion '${code}' is in ${promo.currency}, the service is billed in ${currency}`);
  return promo;
}

function promotionInput(p: Promotion, decimals: number) {
  const value = p.type === 'percent' ? (p.percent ?? '0') : formatMoney(p.amount ?? 0n, decimals);
  return { code: p.code, type: p.type, value, appliesToUpgrades: p.appliesToUpgrades };
}
