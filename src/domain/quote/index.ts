export { quote } from './quote.js';
export type { Quote, QuoteLine, QuoteTax } from './quote-output.js';
export type {
  CurrentServiceInput,
  LifetimePromotionInput,
  OptionChoiceInput,
  OptionDefinitionInput,
  OptionSelectionInput,
  OptionType,
  PricingInput,
  PromotionInput,
  QuoteInput,
  QuotePolicyInput,
  TargetServiceInput,
  TaxInput,
  TaxRateInput,
} from './quote-input.js';
