const ZERO = 48;
const NINE = 57;
const DOT = 46;
const MINUS = 45;

/**
 * The number of fraction digits of a plain decimal string, or -1 when it is not one: one or more digits,
 * optionally a dot followed by one or more digits. No exponent, no `+`, no spaces, no `.5` or `5.`, and a
 * leading `-` only when `allowNegative`. Scanned by hand without allocating: it runs for every price of
 * every quote input.
 */
export function decimalScale(value: string, allowNegative: boolean): number {
  const length = value.length;
  const start = length > 0 && value.charCodeAt(0) === MINUS ? 1 : 0;
  if ((start === 1 && !allowNegative) || length === start) return -1;
  let dot = -1;
  for (let i = start; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c >= ZERO && c <= NINE) continue;
    if (c !== DOT || dot >= 0 || i === start || i === length - 1) return -1;
    dot = i;
  }
  return dot < 0 ? 0 : length - dot - 1;
}

/** The digits of a valid decimal string with the dot removed and `padTo - scale` zeros appended, as a bigint. */
export function decimalToScaledInteger(value: string, scale: number, padTo: number): bigint {
  const digits = scale === 0 ? value : value.slice(0, value.length - scale - 1) + value.slice(value.length - scale);
  return BigInt(padTo === scale ? digits : digits + '0'.repeat(padTo - scale));
}
