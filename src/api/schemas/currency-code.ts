import { z } from 'zod';
import { isSupportedCurrency } from '../../domain/currencies.js';

/** An ISO 4217 code Upshift knows the minor-unit digits of (src/domain/currencies.ts). */
export const currencyCode = z.string().refine(isSupportedCurrency, 'must be a supported ISO 4217 currency code such as USD');
