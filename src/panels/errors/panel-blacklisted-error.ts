import { PanelAuthError } from './panel-auth-error.js';

/**
 * The panel refuses this client's IP address (DirectAdmin's brute-force blacklist). Permanent, and never retried:
 * every further request counts as another failed login and extends the ban. Ops must take the IP off the
 * panel's blacklist (and fix the credentials that got it there).
 */
export class PanelBlacklistedError extends PanelAuthError {}
