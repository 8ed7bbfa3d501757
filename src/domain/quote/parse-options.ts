import type { OptionType } from './quote-input.js';
import type { ParsedChoice, ParsedOption } from './parsed-input.js';
import {
  fieldPath,
  invalid,
  isAbsent,
  type JsonObject,
  readArray,
  readBoolean,
  readEnum,
  readInteger,
  readObject,
  readOptionalInteger,
  readString,
} from './input-reader.js';
import { readPricing } from './parse-pricing.js';

const OPTION_KEYS = new Set(['id', 'name', 'type', 'min', 'max', 'allowDowngrade', 'pricing', 'choices']);
const CHOICE_KEYS = new Set(['id', 'name', 'pricing']);
const OPTION_TYPES: readonly OptionType[] = ['quantity', 'yesno', 'dropdown', 'radio'];
const MAX_ID = Number.MAX_SAFE_INTEGER;

function refuseKey(object: JsonObject, key: string, field: string, why: string): void {
  if (!isAbsent(object[key])) invalid(fieldPath(field, key), why);
}

function readChoices(object: JsonObject, field: string, decimals: number): Map<number, ParsedChoice> {
  if (isAbsent(object.choices)) invalid(fieldPath(field, 'choices'), 'is required for dropdown and radio options');
  const list = readArray(object, 'choices', field);
  const choices = new Map<number, ParsedChoice>();
  for (let i = 0; i < list.length; i++) {
    const choiceField = `${field}.choices[${i}]`;
    const choice = readObject(list[i], choiceField, CHOICE_KEYS);
    const id = readInteger(choice, 'id', choiceField, 1, MAX_ID);
    if (choices.has(id)) invalid(fieldPath(choiceField, 'id'), `repeats choice id ${id}`);
    choices.set(id, {
      id,
      name: readString(choice, 'name', choiceField),
      pricing: readPricing(choice, 'pricing', choiceField, decimals, true),
      field: choiceField,
    });
  }
  return choices;
}

function readOption(value: unknown, field: string, decimals: number): ParsedOption {
  const object = readObject(value, field, OPTION_KEYS);
  const id = readInteger(object, 'id', field, 1, MAX_ID);
  const name = readString(object, 'name', field);
  const type = readEnum(object, 'type', field, OPTION_TYPES);
  const allowDowngrade = readBoolean(object, 'allowDowngrade', field, true);
  if (type === 'dropdown' || type === 'radio') {
    refuseKey(object, 'pricing', field, 'is for quantity and yes/no options; a dropdown or radio prices each choice');
    refuseKey(object, 'min', field, 'is for quantity options only');
    refuseKey(object, 'max', field, 'is for quantity options only');
    return {
      id,
      name,
      type,
      min: 0,
      max: 0,
      allowDowngrade,
      pricing: null,
      choices: readChoices(object, field, decimals),
      field,
    };
  }
  refuseKey(object, 'choices', field, 'is for dropdown and radio options only');
  const pricing = readPricing(object, 'pricing', field, decimals, true);
  if (type === 'yesno') {
    refuseKey(object, 'min', field, 'is for quantity options only (a yes/no quantity is 0 or 1)');
    refuseKey(object, 'max', field, 'is for quantity options only (a yes/no quantity is 0 or 1)');
    return { id, name, type, min: 0, max: 1, allowDowngrade, pricing, choices: null, field };
  }
  const min = readOptionalInteger(object, 'min', field, 0, MAX_ID) ?? 0;
  const max = readOptionalInteger(object, 'max', field, min, MAX_ID) ?? MAX_ID;
  return { id, name, type, min, max, allowDowngrade, pricing, choices: null, field };
}

/** The `options` definitions by id. */
export function readOptionDefinitions(root: JsonObject, decimals: number): Map<number, ParsedOption> {
  const list = readArray(root, 'options', '');
  const options = new Map<number, ParsedOption>();
  for (let i = 0; i < list.length; i++) {
    const option = readOption(list[i], `options[${i}]`, decimals);
    if (options.has(option.id)) invalid(`options[${i}].id`, `repeats option id ${option.id}`);
    options.set(option.id, option);
  }
  return options;
}
