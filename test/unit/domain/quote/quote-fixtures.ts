import type {
  CurrentServiceInput,
  OptionDefinitionInput,
  QuoteInput,
  TargetServiceInput,
} from '../../../../src/domain/quote/quote-input.js';
import { quote } from '../../../../src/domain/quote/quote.js';
import type { Quote } from '../../../../src/domain/quote/quote-output.js';
import { QuoteError } from '../../../../src/domain/quote-error.js';

/** A monthly Starter (10.00, due 2025-03-01) moving to Pro (25.00 monthly) on 2025-02-10: vector C1. */
export function baseInput(): QuoteInput {
  return {
    asOf: '2025-02-10',
    current: {
      productId: 1,
      productName: 'Starter',
      billingCycle: 'monthly',
      nextDueDate: '2025-03-01',
      recurringAmount: '10.00',
    },
    target: { productId: 2, productName: 'Pro', productPricing: { monthly: '25.00' } },
  };
}

export type InputChanges = Omit<Partial<QuoteInput>, 'current' | 'target'> & {
  current?: Partial<CurrentServiceInput>;
  target?: TargetServiceInput;
};

/** {@link baseInput} with top-level fields replaced and `current` merged; `target` replaces the base target. */
export function inputWith(changes: InputChanges): QuoteInput {
  const base = baseInput();
  const { current, target, ...rest } = changes;
  return { ...base, ...rest, current: { ...base.current, ...current }, target: target ?? base.target };
}

/** A product change of a recurring service with the anchor on the due date's day (vectors of §4). */
export function productChange(
  asOf: string,
  cycle: CurrentServiceInput['billingCycle'],
  nextDueDate: string,
  recurringAmount: string,
  newCycle: NonNullable<TargetServiceInput['billingCycle']>,
  newPrice: string,
  changes: Omit<InputChanges, 'current' | 'target'> = {},
): QuoteInput {
  return inputWith({
    ...changes,
    asOf,
    current: { billingCycle: cycle, nextDueDate, recurringAmount },
    target: { productId: 2, productName: 'Pro', billingCycle: newCycle, productPricing: { [newCycle]: newPrice } },
  });
}

/** Disk (quantity 4.00/unit, max 100), Backups (yes/no 3.00), Location (dropdown EU 0.00 / US 2.00), Support (radio). */
export function optionDefinitions(): OptionDefinitionInput[] {
  return [
    {
      id: 7,
      name: 'Disk',
      type: 'quantity',
      min: 0,
      max: 100,
      pricing: { monthly: '4.00', annually: '40.00', onetime: '30.00' },
    },
    { id: 8, name: 'Backups', type: 'yesno', pricing: { monthly: '3.00', annually: '30.00', onetime: '20.00' } },
    {
      id: 9,
      name: 'Location',
      type: 'dropdown',
      choices: [
        { id: 91, name: 'EU', pricing: { monthly: '0.00', annually: '0.00', onetime: '0.00' } },
        { id: 92, name: 'US', pricing: { monthly: '2.00', annually: '20.00', onetime: '15.00' } },
      ],
    },
    {
      id: 10,
      name: 'Support',
      type: 'radio',
      choices: [
        { id: 101, name: 'Basic', pricing: { monthly: '0.00', annually: '0.00' } },
        { id: 102, name: 'Priority', pricing: { monthly: '9.00', annually: '90.00' } },
      ],
    },
  ];
}

/** The QuoteError `quote(input)` throws; fails the test when it returns a quote or throws something else. */
export function quoteError(input: unknown): QuoteError {
  let result: Quote;
  try {
    result = quote(input);
  } catch (error) {
    if (error instanceof QuoteError) return error;
    throw error;
  }
  throw new Error(`expected a QuoteError, got a quote: ${JSON.stringify(result)}`);
}

/** The money fields of a quote, for compact assertions. */
export function money(
  result: Quote,
): Pick<Quote, 'credit' | 'debit' | 'subtotal' | 'discount' | 'total' | 'creditToAccount'> {
  const { credit, debit, subtotal, discount, total, creditToAccount } = result;
  return { credit, debit, subtotal, discount, total, creditToAccount };
}
