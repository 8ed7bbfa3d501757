import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { NetworkList } from '../../config/network-list.js';
import { BusinessRuleError } from '../errors.js';

/**
 * Refuses a panel host outside `PANEL_ALLOWED_NETWORKS` (DESIGN §5, issue #11): the host name is resolved and every
 * address it has must be inside one of the networks, so a server cannot be pointed at loopback, a metadata service or
 * another internal range that is not the company's panels. An empty list allows any host (no lookup is made).
 */
export async function checkPanelHost(allowedNetworks: readonly string[], hostname: string): Promise<void> {
  const allowed = new NetworkList(allowedNetworks);
  if (allowed.isOpen) return;
  const refuse = (why: string) =>
    new BusinessRuleError('server_not_allowed', `hostname: ${why}`, [{ field: 'hostname', message: why }]);
  const literal = hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(literal) !== 0) addresses = [literal];
  else {
    try {
      addresses = (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);
    } catch (err) {
      throw refuse(
        `${hostname} does not resolve (${(err as NodeJS.ErrnoException).code ?? 'lookup failed'}), so it cannot be checked against PANEL_ALLOWED_NETWORKS`,
      );
    }
  }
  const outside = addresses.filter((a) => !allowed.allows(a));
  if (outside.length > 0) {
    throw refuse(
      `${hostname} (${outside.join(', ')}) is outside PANEL_ALLOWED_NETWORKS (${allowedNetworks.join(', ')})`,
    );
  }
}
