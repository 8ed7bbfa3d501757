/** The roles an API token can carry (DESIGN §4.1). */
export const API_ROLES = ['staff', 'storefront', 'gateway'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** One `API_TOKENS` entry, split into its role and its secret. */
export interface ApiTokenEntry {
  role: ApiRole;
  token: string;
}

/** Shortest accepted token: 16 characters (about 96 bits when random). */
export const MIN_TOKEN_LENGTH = 16;

/**
 * Reads one `API_TOKENS` entry: `role:token` with a known role, or a bare token, which is `staff` so that
 * deployments from before roles keep working. A `:` before an unknown role is refused rather than read as part
 * of a bare token, so a typo (`storefornt:…`) cannot silently give a client area staff rights.
 * @throws Error naming the problem (never echoing the token)
 */
export function parseApiTokenEntry(entry: string): ApiTokenEntry {
  const colon = entry.indexOf(':');
  let role: ApiRole = 'staff';
  let token = entry;
  if (colon >= 0) {
    const prefix = entry.slice(0, colon);
    if (!(API_ROLES as readonly string[]).includes(prefix)) {
      throw new Error(
        `an entry has the role '${prefix.slice(0, 20)}'; roles are ${API_ROLES.join(', ')} (write role:token, or a bare token for staff)`,
      );
    }
    role = prefix as ApiRole;
    token = entry.slice(colon + 1);
  }
  if (token.length < MIN_TOKEN_LENGTH) throw new Error(`each token must be at least ${MIN_TOKEN_LENGTH} characters`);
  return { role, token };
}
