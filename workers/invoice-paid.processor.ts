import type { AppContext } from '../src/app/app-context.js';
import { applyPaidInvoice } from '../src/app/payments/apply-paid-invoice.js';
import { processorFor } from './processor.js';

export const invoicePaidProcessor = (ctx: AppContext) =>
  processorFor(ctx, 'invoice-paid', ({ invoiceId }) => applyPaidInvoice(ctx, invoiceId));
