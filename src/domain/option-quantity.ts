/**
 * The largest quantity of an option a service may hold or order, and the largest min/max an option may declare: far
 * above any real plan, and small enough that quantity × unit price stays inside the money columns.
 */
export const MAX_OPTION_QTY = 1_000_000;
