import { z } from 'zod';
import { BILLING_CYCLES, PRICED_CYCLES } from '../../domain/calendar/billing-cycle.js';

/** Every billing cycle (DESIGN §3): monthly … triennially, `free` and `onetime`. */
export const billingCycle = z.enum(BILLING_CYCLES, { error: `must be one of ${BILLING_CYCLES.join(', ')}` });

/** A cycle a price is given for, or an upgrade moves to: all but `free` (its price is always 0). */
export const pricedCycle = z.enum(PRICED_CYCLES, { error: `must be one of ${PRICED_CYCLES.join(', ')} (the price at free is always 0)` });
