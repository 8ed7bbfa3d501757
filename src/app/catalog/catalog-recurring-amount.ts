import { BusinessRuleError } from '../errors.js';
import type { OptionSelection } from './load-service-view.js';
import type { ProductDefinition } from './product-definition.js';

function priceUnavailable(field: string, message: string): never {
  throw new BusinessRuleError('price_unavailable', `${field}: ${message}`, [{ field, message }]);
}

/**
 * The catalog's recurring amount for a product and option selections at a cycle, in minor units of
 * `currency` (DESIGN §3 option prices): product price + dropdown/radio choice prices + yesno/quantity unit
 * price × qty; everything is 0 at `free`; an unselected option or a quantity of 0 costs nothing. A price that
 * is needed but not defined is 422 `price_unavailable` naming `field` (the product) or the selection.
 * Selections must already be valid ({@link validateOptionSelections}).
 */
export function catalogRecurringAmount(
  def: ProductDefinition,
  currency: string,
  cycle: string,
  selections: readonly OptionSelection[],
  field = 'recurringAmount',
): bigint {
  if (cycle === 'free') return 0n;
  const productPrice = def.prices[currency]?.[cycle];
  if (productPrice === undefined) {
    priceUnavailable(
      field,
      `product ${def.product.id} (${def.product.name}) has no ${currency} price for the ${cycle} cycle`,
    );
  }
  let total = productPrice;
  for (const [i, s] of selections.entries()) {
    const option = def.options.find((o) => o.id === s.optionId)!;
    if (s.choiceId !== undefined) {
      const choice = option.choices.find((c) => c.id === s.choiceId)!;
      const price = choice.prices[currency]?.[cycle];
      if (price === undefined)
        priceUnavailable(
          `options[${i}].choiceId`,
          `choice ${choice.id} (${choice.name}) has no ${currency} price for the ${cycle} cycle`,
        );
      total += price;
    } else if ((s.qty ?? 0) > 0) {
      const unit = option.prices[currency]?.[cycle];
      if (unit === undefined)
        priceUnavailable(
          `options[${i}].qty`,
          `option ${option.id} (${option.name}) has no ${currency} price for the ${cycle} cycle`,
        );
      total += unit * BigInt(s.qty!);
    }
  }
  return total;
}
