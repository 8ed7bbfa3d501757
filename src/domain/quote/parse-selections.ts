import { describeValue } from '../describe-value.js';
import type { ParsedOption, ParsedSelection } from './parsed-input.js';
import { fieldPath, invalid, isAbsent, type JsonObject, readArray, readObject } from './input-reader.js';

const SELECTION_KEYS = new Set(['optionId', 'qty', 'choiceId']);

function readId(object: JsonObject, key: string, field: string): number {
  const value = object[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    invalid(fieldPath(field, key), `must be an integer, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * One selection. Whether it needs `qty` or `choiceId` depends on its option's type, checked here when the
 * option is defined; an undefined option is left for the `unknown_option` step, which comes later in the
 * order of precedence. The range of `qty` is checked later too (`invalid_quantity`).
 */
function readSelection(value: unknown, field: string, options: Map<number, ParsedOption>): ParsedSelection {
  const object = readObject(value, field, SELECTION_KEYS);
  const optionId = readId(object, 'optionId', field);
  const hasQty = !isAbsent(object.qty);
  const hasChoice = !isAbsent(object.choiceId);
  const qty = hasQty ? readId(object, 'qty', field) : 0;
  const choiceId = hasChoice ? readId(object, 'choiceId', field) : null;
  if (hasQty === hasChoice) invalid(field, 'must have either qty (quantity, yes/no) or choiceId (dropdown, radio)');
  const option = options.get(optionId);
  if (option !== undefined) {
    const byChoice = option.choices !== null;
    if (byChoice && !hasChoice)
      invalid(fieldPath(field, 'choiceId'), `is required: option ${optionId} is a ${option.type}`);
    if (!byChoice && !hasQty) invalid(fieldPath(field, 'qty'), `is required: option ${optionId} is a ${option.type}`);
  }
  return { optionId, qty, choiceId, field };
}

/** `current.options` or `target.options`: at most one selection per option. */
export function readSelections(
  object: JsonObject,
  parent: string,
  options: Map<number, ParsedOption>,
): ParsedSelection[] {
  const list = readArray(object, 'options', parent);
  const selections: ParsedSelection[] = [];
  for (let i = 0; i < list.length; i++) {
    const selection = readSelection(list[i], `${parent}.options[${i}]`, options);
    for (const earlier of selections) {
      if (earlier.optionId === selection.optionId)
        invalid(`${selection.field}.optionId`, `repeats option ${selection.optionId}`);
    }
    selections.push(selection);
  }
  return selections;
}
