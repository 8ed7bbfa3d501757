import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { NetworkList } from '../../config/network-list.js';

/** The error code of a connection refused because its address is outside the allowed networks. */
export const ADDRESS_NOT_ALLOWED_CODE = 'EPANELADDRESS';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for a panel server's sockets that resolves the host as usual and refuses any address outside `allowed`
 * (error code {@link ADDRESS_NOT_ALLOWED_CODE}), so no request reaches it. Answers in the shape Node asked for: all
 * addresses (`options.all`, "happy eyeballs") or the first one.
 */
export function restrictedLookup(allowed: NetworkList): LookupFunction {
  const lookup = (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    const all: LookupAllOptions = { ...options, all: true };
    dnsLookup(hostname, all, (err, addresses) => {
      if (err) return callback(err, options.all ? [] : '');
      const outside = addresses.find((a) => !allowed.allows(a.address));
      if (outside !== undefined || addresses.length === 0) {
        const refused: NodeJS.ErrnoException = new Error(
          `${hostname} resolves to ${outside?.address ?? 'nothing'}, outside PANEL_ALLOWED_NETWORKS`,
        );
        refused.code = ADDRESS_NOT_ALLOWED_CODE;
        return callback(refused, options.all ? [] : '');
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
  return lookup as unknown as LookupFunction;
}
