import type { BillingCycle } from '../calendar/billing-cycle.js';
import { QuoteError } from '../quote-error.js';
import { findOptionPrice } from './option-price.js';
import { sameValue, unselected, type OptionValue } from './option-value.js';
import type { ParsedInput, ParsedOption, ParsedSelection } from './parsed-input.js';

/** One option as it is now and as it would be after the change. */
export interface OptionTransition {
  before: OptionValue;
  after: OptionValue;
}

export interface ResolvedOptions {
  /** Every option that is or will be selected, ascending option id: current selections merged with the target's. */
  merged: OptionTransition[];
  /** The transitions whose value really changes, ascending option id. */
  changes: OptionTransition[];
}

function resolve(selection: ParsedSelection, options: Map<number, ParsedOption>): OptionValue {
  const option = options.get(selection.optionId);
  if (option === undefined) {
    const field = `${selection.field}.optionId`;
    throw new QuoteError('unknown_option', field, `${field} ${selection.optionId} is not defined in options`);
  }
  if (option.choices === null) return { option, qty: selection.qty, choice: null, field: selection.field };
  const choice = option.choices.get(selection.choiceId as number);
  if (choice === undefined) {
    const field = `${selection.field}.choiceId`;
    throw new QuoteError(
      'unknown_option',
      field,
      `${field} ${selection.choiceId} is not a choice of option ${option.id} (${option.name})`,
    );
  }
  return { option, qty: 0, choice, field: selection.field };
}

function checkQuantity(value: OptionValue): void {
  const { option, qty } = value;
  if (option.choices !== null || (qty >= option.min && qty <= option.max)) return;
  const field = `${value.field}.qty`;
  const rule =
    option.type === 'yesno'
      ? 'must be 0 or 1 (yes/no)'
      : qty < option.min
        ? `is below the minimum ${option.min}`
        : `is above the maximum ${option.max}`;
  throw new QuoteError('invalid_quantity', field, `${field} ${qty} ${rule} of option ${option.id} (${option.name})`);
}

/** A lower quantity, or a choice that is cheaper at the service's current cycle. */
function isDowngrade({ before, after }: OptionTransition, cycle: BillingCycle, decimals: number): boolean {
  if (after.option.choices === null) return after.qty < before.qty;
  const oldPrice = findOptionPrice(before, cycle, decimals);
  const newPrice = findOptionPrice(after, cycle, decimals);
  return oldPrice !== null && newPrice !== null && newPrice < oldPrice;
}

function checkDowngrade(transition: OptionTransition, cycle: BillingCycle, decimals: number): void {
  const { option } = transition.after;
  if (option.allowDowngrade || !isDowngrade(transition, cycle, decimals)) return;
  const field = transition.after.field as string;
  throw new QuoteError(
    'option_downgrade_not_allowed',
    field,
    `${field} lowers option ${option.id} (${option.name}), which does not allow downgrades`,
  );
}

/**
 * Resolves the option selections in the order of precedence of DESIGN §3: `unknown_option` (current
 * selections first, then the target's), then `invalid_quantity` on the merged selections, then
 * `option_downgrade_not_allowed` on the target's changes.
 */
export function resolveOptions(input: ParsedInput): ResolvedOptions {
  const current = input.current.selections.map((selection) => resolve(selection, input.options));
  const target = input.target.selections.map((selection) => resolve(selection, input.options));
  const byId = new Map<number, OptionTransition>();
  for (const value of current) byId.set(value.option.id, { before: value, after: value });
  for (const value of target) {
    const before = byId.get(value.option.id)?.before ?? unselected(value.option);
    byId.set(value.option.id, { before, after: value });
  }
  const merged = [...byId.values()].sort((a, b) => a.after.option.id - b.after.option.id);
  for (const transition of merged) checkQuantity(transition.after);
  for (const transition of merged) {
    if (transition.after !== transition.before) checkDowngrade(transition, input.current.cycle, input.decimals);
  }
  return { merged, changes: merged.filter((transition) => !sameValue(transition.before, transition.after)) };
}
