/**
 * "A credit is never larger than what was paid for" (DESIGN §2), as a pure function over integer minor units.
 *
 * A service's **term** is the billing period ending at its next due date (free and one-time services have one
 * open-ended term). For each term Upshift keeps what the client paid for it (`paidFor`: the recurring amount as
 * billed, plus upgrade invoices net of their discounts, before tax) and what was credited against it (`credited`).
 * A change may put on the account at most what is still unspent: `paidFor − credited`. The quote's numbers
 * (DESIGN §3) stay as they are; this decides how much of its `creditToAccount` reaches the ledger.
 */

/** Money in and out of one term, in minor units. */
export interface TermBalance {
  paidFor: bigint;
  credited: bigint;
}

/** The quote's amounts (minor units) and whether the change starts a new term. */
export interface CreditCapInput {
  /** The quote's `credit`: the unused part of the current plan. */
  credit: bigint;
  /** The quote's `subtotal` (debit − credit, rounded once). */
  subtotal: bigint;
  /** The quote's promotion `discount`. */
  discount: bigint;
  /** The quote's `creditToAccount`: −subtotal when it is negative and the policy credits downgrades, else 0. */
  creditToAccount: bigint;
  /**
   * The change moves the next due date (anchor reset, a first term after free or one-time, a move to one-time):
   * the current term ends and a new one starts with the change.
   */
  startsNewTerm: boolean;
  /** The current term before the change. */
  term: TermBalance;
}

export interface CreditCapResult {
  /** What reaches the client's account: never more than the term has unspent. */
  accountCredit: bigint;
  /** The current term after the change. */
  term: TermBalance;
  /** When the change starts a new term: what the client has paid towards it (to add to that term). */
  newTerm: TermBalance | null;
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/**
 * Caps a change's account credit by its term's unspent payments and moves the term's balance on.
 *
 * Same term: the upgrade's cash (subtotal − discount when positive) is added to `paidFor`; the account credit is
 * `min(creditToAccount, paidFor − credited)` and is added to `credited`.
 *
 * New term: the old term's unspent money that the quote's credit draws on (`min(credit, unspent)`) is spent there
 * and carried over; the account gets at most that, and the new term starts with the rest plus the cash paid. So
 * money moves between terms and the account, and is never created: over any sequence, the sum of account credits
 * never exceeds what was billed plus what was paid.
 */
export function capAccountCredit(input: CreditCapInput): CreditCapResult {
  const { term } = input;
  const unspent = max(0n, term.paidFor - term.credited);
  const cash = input.subtotal > 0n ? input.subtotal - input.discount : 0n;
  const wanted = max(0n, input.creditToAccount);
  if (!input.startsNewTerm) {
    const accountCredit = min(wanted, unspent);
    return {
      accountCredit,
      term: { paidFor: term.paidFor + cash, credited: term.credited + accountCredit },
      newTerm: null,
    };
  }
  const carried = min(max(0n, input.credit), unspent);
  const accountCredit = min(wanted, carried);
  return {
    accountCredit,
    term: { paidFor: term.paidFor, credited: term.credited + carried },
    newTerm: { paidFor: carried - accountCredit + cash, credited: 0n },
  };
}
