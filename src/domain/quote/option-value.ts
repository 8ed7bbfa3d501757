import type { ParsedChoice, ParsedOption } from './parsed-input.js';

/** What one option is set to: a quantity (quantity, yes/no) or a choice (dropdown, radio). */
export interface OptionValue {
  option: ParsedOption;
  qty: number;
  choice: ParsedChoice | null;
  /** Input path of the selection this value came from; null when the option was never selected. */
  field: string | null;
}

/** An option that was never selected: quantity 0, no choice, price 0. */
export function unselected(option: ParsedOption): OptionValue {
  return { option, qty: 0, choice: null, field: null };
}

export function sameValue(a: OptionValue, b: OptionValue): boolean {
  return a.qty === b.qty && a.choice === b.choice;
}

/** The value as shown in a line description: `5`, `Yes`, `EU`, `None`. */
export function valueLabel(value: OptionValue): string {
  if (value.option.type === 'yesno') return value.qty === 0 ? 'No' : 'Yes';
  if (value.option.type === 'quantity') return String(value.qty);
  return value.choice === null ? 'None' : value.choice.name;
}
