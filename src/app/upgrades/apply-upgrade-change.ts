import type { EntityManager } from 'typeorm';
import { parseMoney } from '../../domain/money.js';
import type { Quote } from '../../domain/quote/index.js';
import { Product, Service, ServiceOption, type Upgrade } from '../../db/entities/index.js';
import { StaleStateError } from '../errors/index.js';
import { creditOnce } from '../ledger.js';
import { transitionUpgrade } from './transition-upgrade.js';

/**
 * Applies a priced upgrade to its service in the caller's transaction (the service row is locked by the
 * caller): new product, cycle, options, recurring amount, next due date and anchor day, the downgrade credit
 * (once, by ledger reference), and the move to `applied`. Uses the quote snapshot stored on the upgrade —
 * the numbers the client saw and paid — never a fresh one.
 */
export async function applyUpgradeChange(em: EntityManager, upgrade: Upgrade, actor: string, decimals: number): Promise<Upgrade> {
  const quote = upgrade.quote as Quote | null;
  if (!quote) throw new StaleStateError('upgrade', upgrade.id, 'priced');
  const service = await em.findOneByOrFail(Service, { id: upgrade.serviceId });
  const targetProductId = upgrade.request.productId ?? service.productId;
  const [current, target] = await Promise.all([
    em.findOneByOrFail(Product, { id: service.productId }),
    em.findOneByOrFail(Product, { id: targetProductId }),
  ]);
  const nextDueDate = quote.newNextDueDate;
  const anchorDay = nextDueDate === null ? null
    : nextDueDate === service.nextDueDate ? service.anchorDay
      : Number(upgrade.asOf.slice(8, 10)); // anchor reset: bill on the order day from now on (month-end clamped)
  // A product on another panel type lives on that product's server.
  const serverId = target.module !== current.module && target.serverId ? target.serverId : service.serverId;
  await em.update(Service, { id: service.id }, {
    productId: targetProductId, billingCycle: quote.newBillingCycle, nextDueDate, anchorDay, serverId,
    recurringAmount: parseMoney(quote.newRecurringAmount, decimals, 'newRecurringAmount'),
  });
  for (const sel of upgrade.request.options ?? []) {
    await em.upsert(ServiceOption, { serviceId: service.id, optionId: sel.optionId, choiceId: sel.choiceId ?? null, qty: sel.qty ?? null }, ['serviceId', 'optionId']);
  }
  await creditOnce(em, {
    clientId: upgrade.clientId, amount: parseMoney(quote.creditToAccount, decimals, 'creditToAccount'), currency: upgrade.currency,
    reference: `downgrade-credit-${upgrade.id}`, description: `Credit for downgrade #${upgrade.id} (${quote.lines.map((l) => l.description).join('; ')})`.slice(0, 255),
  });
  return transitionUpgrade(em, upgrade, 'applied', actor);
}
