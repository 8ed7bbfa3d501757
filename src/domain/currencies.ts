/**
 * Minor-unit digits of the ISO 4217 currencies Upshift accepts. A currency that is not listed is refused
 * rather than guessed: a wrong exponent would misprice every invoice by a factor of ten or more.
 */
const DECIMALS: Readonly<Record<string, number>> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  CHF: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  RON: 2,
  BRL: 2,
  MXN: 2,
  INR: 2,
  ZAR: 2,
  SGD: 2,
  HKD: 2,
  TRY: 2,
  ILS: 2,
  AED: 2,
  JPY: 0,
  KRW: 0,
  ISK: 0,
  CLP: 0,
  VND: 0,
  KWD: 3,
  BHD: 3,
  JOD: 3,
  OMR: 3,
  TND: 3,
};

export function currencyDecimals(code: string): number | undefined {
  return DECIMALS[code];
}

export function isSupportedCurrency(code: string): boolean {
  return code in DECIMALS;
}
