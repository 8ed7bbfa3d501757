import { remainingShare } from '../percent.js';
import { addRational, RATIONAL_ZERO, type Rational, roundDiv } from '../rational.js';
import type { CurrentTerm } from './current-term.js';
import { optionPrice } from './option-price.js';
import { valueLabel } from './option-value.js';
import type { ParsedInput } from './parsed-input.js';
import type { Proration, ProrationLine } from './proration.js';
import type { ResolvedOptions } from './resolve-options.js';

/**
 * An options-only change (DESIGN §3): one line per changed option, each crediting the old option price and
 * debiting the new one over days/oldTotal (1 for free and onetime services), at the current cycle and after
 * a percent lifetime promotion. The recurring amount moves by the price difference.
 */
export function prorateOptionsChange(
  input: ParsedInput,
  options: ResolvedOptions,
  term: CurrentTerm | null,
): Proration {
  const { current } = input;
  const lifetime = input.lifetimePromotion;
  const share = lifetime?.type === 'percent' ? remainingShare(lifetime.percent) : null;
  const days = term === null ? 1n : BigInt(term.days);
  // f × days/oldTotal as one fraction: (shareN × days) / (shareD × oldTotal).
  const factorN = (share === null ? 1n : share.n) * days;
  const factorD = (share === null ? 1n : share.d) * (term === null ? 1n : BigInt(term.totalDays));
  const lines: ProrationLine[] = [];
  let credit: Rational = RATIONAL_ZERO;
  let debit: Rational = RATIONAL_ZERO;
  let delta = 0n;
  for (const { before, after } of options.changes) {
    const oldPrice = optionPrice(before, current.cycle, input.decimals);
    const newPrice = optionPrice(after, current.cycle, input.decimals);
    const line = {
      description: `${after.option.name}: ${valueLabel(before)} => ${valueLabel(after)}`,
      credit: { n: oldPrice * factorN, d: factorD },
      debit: { n: newPrice * factorN, d: factorD },
    };
    lines.push(line);
    credit = addRational(credit, line.credit);
    debit = addRational(debit, line.debit);
    delta += newPrice - oldPrice;
  }
  const change = share === null ? delta : roundDiv(delta * share.n, share.d);
  const newRecurring = current.recurring + change;
  return {
    direction: delta >= 0n ? 'upgrade' : 'downgrade',
    days: term === null ? null : term.days,
    totalDays: term === null ? null : term.totalDays,
    newTotalDays: term === null ? null : term.totalDays,
    lines,
    credit,
    debit,
    // A custom recurring amount below the removed options' price would go negative; a price never does.
    newRecurring: newRecurring < 0n ? 0n : newRecurring,
    newCycle: current.cycle,
    newNextDue: term === null ? null : term.nextDue,
  };
}
