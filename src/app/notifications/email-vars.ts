import type { EntityManager } from 'typeorm';
import { currencyDecimals } from '../../domain/currencies.js';
import { formatMoney } from '../../domain/money.js';
import { Client, Invoice, PanelServer, Product, Service, type Upgrade } from '../../db/entities/index.js';
import type { EmailTemplateName, EmailTemplateVars } from '../../mail/index.js';
import { StaleStateError } from '../errors.js';

const cycleLabel = (cycle: string) =>
  cycle === 'onetime' ? 'One-time' : cycle.charAt(0).toUpperCase() + cycle.slice(1);

/** The variables of one upgrade email, formatted for the client (money with the currency's decimals). */
export async function emailVarsFor<T extends EmailTemplateName>(
  em: EntityManager,
  upgrade: Upgrade,
  template: T,
): Promise<{ to: 'client' | 'staff'; vars: EmailTemplateVars[T] }> {
  const service = await em.findOneByOrFail(Service, { id: upgrade.serviceId });
  const client = await em.findOneByOrFail(Client, { id: upgrade.clientId });
  const targetProductId = upgrade.request.productId ?? upgrade.fromProductId;
  const [oldProduct, newProduct] = await Promise.all([
    em.findOneByOrFail(Product, { id: upgrade.fromProductId }),
    em.findOneByOrFail(Product, { id: targetProductId }),
  ]);
  const invoice = upgrade.invoiceId ? await em.findOneBy(Invoice, { id: upgrade.invoiceId }) : null;
  const decimals = currencyDecimals(upgrade.currency)!;
  const quote = upgrade.quote;
  if (!quote) throw new StaleStateError('upgrade', upgrade.id, 'priced'); // every emailed state comes after pricing
  const change = {
    clientName: client.name,
    serviceDomain: service.domain,
    oldProduct: oldProduct.name,
    newProduct: newProduct.name,
    oldCycle: cycleLabel(upgrade.fromBillingCycle),
    newCycle: cycleLabel(quote.newBillingCycle),
    currency: upgrade.currency,
    upgradeId: upgrade.id,
  };
  let vars: unknown;
  switch (template) {
    case 'upgrade-completed':
      vars = {
        ...change,
        newRecurringAmount: quote.newRecurringAmount,
        nextDueDate: service.nextDueDate,
        amountPaid: formatMoney(invoice?.amountPaid ?? 0n, decimals),
        invoiceId: invoice?.id ?? null,
      };
      break;
    case 'upgrade-invoice-issued':
      vars = {
        ...change,
        invoiceId: invoice!.id,
        invoiceTotal: formatMoney(invoice!.total, decimals),
        invoiceDueDate: invoice!.dueDate,
        newRecurringAmount: quote.newRecurringAmount,
        invoiceUrl: null,
      };
      break;
    case 'downgrade-scheduled':
      vars = { ...change, effectiveDate: upgrade.effectiveDate, newRecurringAmount: quote.newRecurringAmount };
      break;
    case 'provisioning-failed': {
      const server = service.serverId ? await em.findOneBy(PanelServer, { id: service.serverId }) : null;
      vars = {
        upgradeId: upgrade.id,
        serviceId: service.id,
        clientName: client.name,
        serviceDomain: service.domain,
        serverName: server?.name ?? 'none',
        panelType: newProduct.module ?? 'none',
        targetPackage: newProduct.panelPackage ?? 'none',
        errorMessage: upgrade.provisioningResult?.error ?? 'unknown error',
        attempts: upgrade.provisioningResult?.attempts ?? 0,
        failedAt: upgrade.statusChangedAt.toISOString(),
        retryHint: `upshift jobs retry --queue provisioning provision-${upgrade.id}`,
      };
      break;
    }
  }
  return { to: template === 'provisioning-failed' ? 'staff' : 'client', vars: vars as EmailTemplateVars[T] };
}
