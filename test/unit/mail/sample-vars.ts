import type { EmailTemplateVars } from '../../../src/mail/email-templates.js';

/** A client name that breaks HTML unless it is escaped, and reads wrongly in plain text if it is escaped there. */
export const HOSTILE_CLIENT_NAME = `O'Brien & <script>alert("x")</script> Ltd`;

const change = {
  clientName: HOSTILE_CLIENT_NAME,
  serviceDomain: 'shop.example.test',
  oldProduct: 'Starter Hosting',
  newProduct: 'Business Hosting',
  oldCycle: 'Monthly',
  newCycle: 'Annually',
  currency: 'EUR',
  upgradeId: 4211,
};

/** Valid variables for every built-in template. */
export const SAMPLE_VARS: EmailTemplateVars = {
  'upgrade-completed': {
    ...change,
    newRecurringAmount: '239.88',
    nextDueDate: '2026-03-15',
    amountPaid: '187.31',
    invoiceId: 9902,
  },
  'upgrade-invoice-issued': {
    ...change,
    invoiceId: 9902,
    invoiceTotal: '187.31',
    invoiceDueDate: '2026-02-28',
    newRecurringAmount: '239.88',
    invoiceUrl: 'https://billing.example.test/invoices/9902?pay=1&lang=en',
  },
  'downgrade-scheduled': {
    ...change,
    oldProduct: 'Business Hosting',
    newProduct: 'Starter Hosting',
    effectiveDate: '2026-03-15',
    newRecurringAmount: '4.99',
  },
  'provisioning-failed': {
    upgradeId: 4211,
    serviceId: 310,
    clientName: HOSTILE_CLIENT_NAME,
    serviceDomain: 'shop.example.test',
    serverName: 'web-03',
    panelType: 'cpanel',
    targetPackage: 'business_10g',
    errorMessage: 'ETIMEDOUT after 30000 ms (changepackage)',
    attempts: 8,
    failedAt: '2026-02-01T10:15:00.000Z',
    retryHint: 'upshift jobs retry provisioning provision-4211',
  },
  'upgrade-healed': {
    upgradeId: 4211,
    clientName: HOSTILE_CLIENT_NAME,
    serviceDomain: 'shop.example.test',
    invoiceId: 9902,
    stuckState: 'invoiced (invoice paid)',
    stuckSince: '2026-02-01T10:15:00.000Z',
    queue: 'invoice-paid',
    jobId: 'paid-9902',
    jobState: 'failed',
    healJobId: 'paid-9902-heal-1',
    healedAt: '2026-02-01T10:19:00.000Z',
    currentStatus: 'invoiced',
  },
};
