import { z } from 'zod';
import { MAX_OPTION_QTY } from '../../domain/option-quantity.js';
import { positiveId } from './id.js';

/** One option selection (DESIGN §3): `choiceId` for dropdown/radio, `qty` for yesno/quantity. */
export const optionSelection = z.strictObject({
  optionId: positiveId,
  choiceId: positiveId.optional(),
  qty: z.number().int('must be a whole number').min(0, 'must not be negative').max(MAX_OPTION_QTY).optional(),
}).superRefine((s, ctx) => {
  if ((s.choiceId === undefined) === (s.qty === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['qty'], message: 'give exactly one of choiceId (dropdown, radio) or qty (yesno, quantity)' });
  }
});
