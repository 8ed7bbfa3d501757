import type { ParsedInput, ParsedPolicy } from './parsed-input.js';
import {
  invalid,
  isAbsent,
  type JsonObject,
  readBoolean,
  readDate,
  readEnum,
  readObject,
  readOptionalInteger,
  readOptionalString,
} from './input-reader.js';
import { readLifetimePromotion, readPromotion, readTax } from './parse-adjustments.js';
import { readOptionDefinitions } from './parse-options.js';
import { readCurrent, readTarget } from './parse-service.js';

const ROOT_KEYS = new Set([
  'asOf',
  'currency',
  'policy',
  'options',
  'current',
  'target',
  'promotion',
  'lifetimePromotion',
  'tax',
]);
const CURRENCY_KEYS = new Set(['code', 'decimals']);
const POLICY_KEYS = new Set(['dayCount', 'billingAnchor', 'downgradeTiming', 'creditOnDowngrade']);

/** The policy defaults of DESIGN §3 (and of config `policy`). */
const DEFAULT_POLICY: ParsedPolicy = {
  dayCount: 'actual',
  billingAnchor: 'keep',
  downgradeTiming: 'immediate',
  creditOnDowngrade: true,
};

/** Digits after the point; default 2. ISO 4217 currencies use 0–4; 8 leaves room for others. */
function readDecimals(root: JsonObject): number {
  if (isAbsent(root.currency)) return 2;
  const currency = readObject(root.currency, 'currency', CURRENCY_KEYS);
  const code = readOptionalString(currency, 'code', 'currency');
  if (code !== undefined && !/^[A-Z]{3}$/.test(code))
    invalid('currency.code', `must be a three-letter ISO 4217 code such as "USD", got ${JSON.stringify(code)}`);
  return readOptionalInteger(currency, 'decimals', 'currency', 0, 8) ?? 2;
}

function readPolicy(root: JsonObject): ParsedPolicy {
  if (isAbsent(root.policy)) return DEFAULT_POLICY;
  const policy = readObject(root.policy, 'policy', POLICY_KEYS);
  return {
    dayCount: readEnum(policy, 'dayCount', 'policy', ['actual', 'fixed'], DEFAULT_POLICY.dayCount),
    billingAnchor: readEnum(
      policy,
      'billingAnchor',
      'policy',
      ['keep', 'reset', 'reset-on-cycle-change'],
      DEFAULT_POLICY.billingAnchor,
    ),
    downgradeTiming: readEnum(
      policy,
      'downgradeTiming',
      'policy',
      ['immediate', 'end-of-term'],
      DEFAULT_POLICY.downgradeTiming,
    ),
    creditOnDowngrade: readBoolean(policy, 'creditOnDowngrade', 'policy', DEFAULT_POLICY.creditOnDowngrade),
  };
}

/** Checks the raw input for `invalid_input` and returns it typed, defaulted and in minor units and day numbers. */
export function parseQuoteInput(raw: unknown): ParsedInput {
  const root = readObject(raw, '', ROOT_KEYS);
  const asOf = readDate(root, 'asOf', '');
  const decimals = readDecimals(root);
  const policy = readPolicy(root);
  const options = readOptionDefinitions(root, decimals);
  const current = readCurrent(root, decimals, options);
  const target = readTarget(root, decimals, options, current);
  return {
    asOf: asOf.dayNumber,
    asOfDay: asOf.day,
    decimals,
    policy,
    options,
    current,
    target,
    promotion: readPromotion(root, decimals),
    lifetimePromotion: readLifetimePromotion(root, decimals),
    tax: readTax(root),
  };
}
