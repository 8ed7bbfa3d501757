import { Client } from './client.entity.js';
import { ConfigOptionChoice } from './config-option-choice.entity.js';
import { ConfigOption } from './config-option.entity.js';
import { CreditLedgerEntry } from './credit-ledger-entry.entity.js';
import { EmailLog } from './email-log.entity.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';
import { JobAudit } from './job-audit.entity.js';
import { OpenUpgradeSlot } from './open-upgrade-slot.entity.js';
import { PanelCall } from './panel-call.entity.js';
import { PanelServer } from './panel-server.entity.js';
import { Payment } from './payment.entity.js';
import { Price } from './price.entity.js';
import { ProductConfigOption } from './product-config-option.entity.js';
import { Product } from './product.entity.js';
import { PromotionUse } from './promotion-use.entity.js';
import { Promotion } from './promotion.entity.js';
import { ServiceOption } from './service-option.entity.js';
import { Service } from './service.entity.js';
import { OPEN_TERM_END, ServiceTerm } from './service-term.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { UpgradeHeal } from './upgrade-heal.entity.js';
import { UpgradeTransition } from './upgrade-transition.entity.js';
import { Upgrade } from './upgrade.entity.js';

export type { PricedQuote, ProvisioningResult, UpgradeRequest } from './upgrade.entity.js';
export {
  Client,
  ConfigOption,
  ConfigOptionChoice,
  CreditLedgerEntry,
  EmailLog,
  IdempotencyKey,
  Invoice,
  InvoiceLine,
  JobAudit,
  OpenUpgradeSlot,
  PanelCall,
  PanelServer,
  Payment,
  Price,
  Product,
  ProductConfigOption,
  Promotion,
  PromotionUse,
  Service,
  ServiceOption,
  ServiceTerm,
  Upgrade,
  UpgradeHeal,
  UpgradeTransition,
  WebhookDelivery,
};
export { OPEN_TERM_END };

export const entities = [
  Client,
  ConfigOption,
  ConfigOptionChoice,
  CreditLedgerEntry,
  EmailLog,
  IdempotencyKey,
  Invoice,
  InvoiceLine,
  JobAudit,
  OpenUpgradeSlot,
  PanelCall,
  PanelServer,
  Payment,
  Price,
  Product,
  ProductConfigOption,
  Promotion,
  PromotionUse,
  Service,
  ServiceOption,
  ServiceTerm,
  Upgrade,
  UpgradeHeal,
  UpgradeTransition,
  WebhookDelivery,
];
