import { z } from 'zod';
import { BILLING_CYCLES } from '../../domain/calendar/billing-cycle.js';

/** Every billing cycle (DESIGN §3): monthly … triennially, `free` and `onetime`. */
export const billingCycle = z.enum(BILLING_CYCLES, { error: `must be one of ${BILLING_CYCLES.join(', ')}` });

/** The cycles a price can be given for: all but `free`, whose price is always 0. */
export const PRICED_CYCLES = BILLING_CYCLES.filter((c) => c !== 'free') as Array<Exclude<(typeof BILLING_CYCLES)[number], 'free'>>;
export const pricedCycle = z.enum(PRICED_CYCLES, { error: `must be one of ${PRICED_CYCLES.join(', ')} (the price at free is always 0)` });
