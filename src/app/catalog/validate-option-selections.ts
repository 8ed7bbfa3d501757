import type { FieldIssue } from '../errors.js';
import { BusinessRuleError, ValidationError } from '../errors.js';
import type { OptionSelection } from './load-service-view.js';
import type { OptionDefinition } from './product-definition.js';

/**
 * Checks selections against a product's options. Problems are reported by kind in DESIGN §3's order — a
 * selection of the wrong shape (400 `invalid_input`), then an option or choice the product does not have
 * (422 `unknown_option`), then a quantity outside min/max (422 `invalid_quantity`) — each naming the field
 * (`options[1].choiceId`).
 */
export function validateOptionSelections(
  options: readonly OptionDefinition[],
  selections: readonly OptionSelection[],
  field = 'options',
): void {
  const shape: FieldIssue[] = [];
  const unknown: FieldIssue[] = [];
  const quantity: FieldIssue[] = [];
  const byId = new Map(options.map((o) => [o.id, o]));
  selections.forEach((s, i) => {
    const at = `${field}[${i}]`;
    const option = byId.get(s.optionId);
    if (!option) {
      unknown.push({ field: `${at}.optionId`, message: `option ${s.optionId} is not an option of this product` });
      return;
    }
    if (option.type === 'dropdown' || option.type === 'radio') {
      if (s.choiceId === undefined || s.qty !== undefined) {
        shape.push({
          field: `${at}.choiceId`,
          message: `a ${option.type} option (${option.name}) takes choiceId, not qty`,
        });
      } else if (!option.choices.some((c) => c.id === s.choiceId)) {
        unknown.push({
          field: `${at}.choiceId`,
          message: `choice ${s.choiceId} is not a choice of option ${option.id} (${option.name})`,
        });
      }
      return;
    }
    if (s.qty === undefined || s.choiceId !== undefined) {
      shape.push({ field: `${at}.qty`, message: `a ${option.type} option (${option.name}) takes qty, not choiceId` });
      return;
    }
    const min = option.type === 'yesno' ? 0 : (option.min ?? 0);
    const max = option.type === 'yesno' ? 1 : option.max;
    if (s.qty < min || (max !== null && s.qty > max)) {
      quantity.push({
        field: `${at}.qty`,
        message: `must be ${max === null ? `at least ${min}` : `between ${min} and ${max}`} for option ${option.id} (${option.name}), got ${s.qty}`,
      });
    }
  });
  const first = (issues: FieldIssue[]) => `${issues[0].field}: ${issues[0].message}`;
  if (shape.length > 0) throw new ValidationError(first(shape), shape);
  if (unknown.length > 0) throw new BusinessRuleError('unknown_option', first(unknown), unknown);
  if (quantity.length > 0) throw new BusinessRuleError('invalid_quantity', first(quantity), quantity);
}
