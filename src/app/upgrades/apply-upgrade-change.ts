import type { EntityManager } from 'typeorm';
import { capAccountCredit } from '../../domain/credit-cap.js';
import { parseMoney } from '../../domain/money.js';
import { Service, ServiceOption, type Upgrade } from '../../db/entities/index.js';
import { cachedProduct } from '../catalog/catalog-cache.js';
import { lockForUpdateOrFail } from '../../db/lock-for-update.js';
import { updateRows } from '../../db/row-writer.js';
import { StaleStateError } from '../errors.js';
import { creditOnce } from '../ledger.js';
import { lockTerm, payIntoTerm, saveTerm, termEndOf } from '../term-ledger.js';
import { transitionUpgrade, type TransitionOptions } from './transition-upgrade.js';

/** What {@link applyUpgradeChange} did: applied, or not, because the service is no longer active. */
export type ApplyOutcome =
  { applied: true; service: Pick<Service, 'productId' | 'serverId'> } | { applied: false; serviceStatus: string };

/**
 * Applies a priced upgrade to its service in the caller's transaction, locking the service row first: new
 * product, cycle, options, recurring amount, next due date and anchor day, the downgrade credit (once, by ledger
 * reference, capped by what the term was paid — src/domain/credit-cap.ts), and the move to `applied`. Uses the
 * quote snapshot stored on the upgrade — the numbers the client saw and paid — never a fresh one. A service that
 * is no longer active is left alone: the caller decides what happens to the order (and to money already paid).
 * The move to `applied` records the `upgrade.applied` webhook (transitionUpgrade); `how.via` names the statuses it
 * passes through on the way (the `paid` of a just-paid invoice). `lockedService`: the service row, when the caller
 * has locked it already in this transaction (one joined lock instead of two).
 */
export async function applyUpgradeChange(
  em: EntityManager,
  upgrade: Upgrade,
  how: Pick<TransitionOptions, 'actor' | 'webhookUrls' | 'deliveries' | 'via'>,
  decimals: number,
  lockedService?: Service,
): Promise<ApplyOutcome> {
  const quote = upgrade.quote;
  if (!quote) throw new StaleStateError('upgrade', upgrade.id, 'priced');
  if (lockedService && lockedService.id !== upgrade.serviceId)
    throw new Error(`service ${lockedService.id} is not upgrade ${upgrade.id}'s service`);
  const service = lockedService ?? (await lockForUpdateOrFail(em, Service, { id: upgrade.serviceId }));
  if (service.status !== 'active') return { applied: false, serviceStatus: service.status };
  const targetProductId = upgrade.request.productId ?? service.productId;
  const [current, target] = await Promise.all([
    cachedProduct(em, service.productId),
    cachedProduct(em, targetProductId),
  ]);
  const m = (v: string, field: string) => parseMoney(v, decimals, field);
  const nextDueDate = quote.newNextDueDate;
  const term = await lockTerm(em, service);
  const cap = capAccountCredit({
    credit: m(quote.credit, 'credit'),
    subtotal: m(quote.subtotal, 'subtotal'),
    discount: m(quote.discount, 'discount'),
    creditToAccount: m(quote.creditToAccount, 'creditToAccount'),
    startsNewTerm: termEndOf(nextDueDate) !== termEndOf(service.nextDueDate),
    term,
  });
  await saveTerm(em, service, term, cap.term);
  if (cap.newTerm) await payIntoTerm(em, service.id, termEndOf(nextDueDate), service.currency, cap.newTerm.paidFor);

  const anchorDay =
    nextDueDate === null
      ? null
      : nextDueDate === service.nextDueDate
        ? service.anchorDay
        : Number(upgrade.asOf.slice(8, 10)); // anchor reset: bill on the order day from now on (month-end clamped)
  // A product on another panel type lives on that product's server.
  const serverId = target.module !== current.module && target.serverId ? target.serverId : service.serverId;
  await updateRows(
    em,
    Service,
    {
      productId: targetProductId,
      billingCycle: quote.newBillingCycle,
      nextDueDate,
      anchorDay,
      serverId,
      recurringAmount: m(quote.newRecurringAmount, 'newRecurringAmount'),
    },
    { id: service.id },
  );
  for (const sel of upgrade.request.options ?? []) {
    await em.upsert(
      ServiceOption,
      { serviceId: service.id, optionId: sel.optionId, choiceId: sel.choiceId ?? null, qty: sel.qty ?? null },
      ['serviceId', 'optionId'],
    );
  }
  await creditOnce(em, {
    clientId: upgrade.clientId,
    amount: cap.accountCredit,
    currency: upgrade.currency,
    reference: `downgrade-credit-${upgrade.id}`,
    description: `Credit for downgrade #${upgrade.id} (${quote.lines.map((l) => l.description).join('; ')})`.slice(
      0,
      255,
    ),
  });
  await transitionUpgrade(em, upgrade, 'applied', { ...how, patch: { accountCredit: cap.accountCredit } });
  return { applied: true, service: { productId: targetProductId, serverId } };
}
