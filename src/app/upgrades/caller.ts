import type { ApiRole } from '../../config/api-tokens.js';
import { ForbiddenError } from '../errors.js';
import type { Actor } from './upgrade-request.js';

/** Who is asking, as far as use cases care: the role of the API token (DESIGN §4.1); the CLI acts as staff. */
export interface Caller {
  role: ApiRole;
}

/** Ops tools (CLI, sweeps) act with staff rights. */
export const STAFF_CALLER: Caller = { role: 'staff' };

/**
 * Only staff may act as staff: a storefront token that sends `actor: staff` (to pick any product, bypass the
 * upgrade list or cancel a staff order) is refused with 403 rather than quietly downgraded to a client order.
 */
export function assertMayActAs(caller: Caller, actor: Actor): void {
  if (actor === 'staff' && caller.role !== 'staff') {
    throw new ForbiddenError(`actor: the ${caller.role} role may only act for the client (actor "client")`);
  }
}
