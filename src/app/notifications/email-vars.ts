import type { EntityManager } from 'typeorm';
import { currencyDecimals } from '../../domain/currencies.js';
import { formatMoney } from '../../domain/money.js';
import { Client, Invoice, PanelServer, Service, Upgrade } from '../../db/entities/index.js';
import { joinedRead } from '../../db/joined-read.js';
import { readRow } from '../../db/row-reader.js';
import type { EmailTemplateName, EmailTemplateVars } from '../../mail/index.js';
import { cachedProduct } from '../catalog/catalog-cache.js';
import { NotFoundError, StaleStateError } from '../errors.js';

/** The rows an upgrade email is written from. */
export interface UpgradeEmailRows {
  upgrade: Upgrade;
  service: Service;
  client: Client;
  invoice: Invoice | null;
}

const readEmailRows = joinedRead(
  { upgrade: Upgrade, service: Service, client: Client, invoice: Invoice },
  `FROM upgrades upgrade JOIN services service ON service.id = upgrade.serviceId
    JOIN clients client ON client.id = upgrade.clientId
    LEFT JOIN invoices invoice ON invoice.id = upgrade.invoiceId WHERE upgrade.id = ?`,
);

/** The upgrade with its service, client and invoice, in one statement. Throws NotFoundError for an unknown upgrade. */
export async function loadUpgradeEmailRows(em: EntityManager, upgradeId: number): Promise<UpgradeEmailRows> {
  const rows = await readEmailRows(em, [upgradeId]);
  if (!rows) throw new NotFoundError('upgrade', upgradeId);
  return { upgrade: rows.upgrade!, service: rows.service!, client: rows.client!, invoice: rows.invoice };
}

const cycleLabel = (cycle: string) =>
  cycle === 'onetime' ? 'One-time' : cycle.charAt(0).toUpperCase() + cycle.slice(1);

/** The variables of one upgrade email, formatted for the client (money with the currency's decimals). */
export async function emailVarsFor<T extends EmailTemplateName>(
  em: EntityManager,
  rows: UpgradeEmailRows,
  template: T,
): Promise<{ to: 'client' | 'staff'; vars: EmailTemplateVars[T] }> {
  const { upgrade, service, client, invoice } = rows;
  const targetProductId = upgrade.request.productId ?? upgrade.fromProductId;
  const [oldProduct, newProduct] = await Promise.all([
    cachedProduct(em, upgrade.fromProductId),
    cachedProduct(em, targetProductId),
  ]);
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
      const server = service.serverId ? await readRow(em, PanelServer, { id: service.serverId }) : null;
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
