import { BlockList, isIP } from 'node:net';

/** One network of a list such as `PANEL_ALLOWED_NETWORKS`: an address family, its base address and prefix length. */
export interface Network {
  family: 'ipv4' | 'ipv6';
  address: string;
  prefix: number;
}

/**
 * Reads `10.0.0.0/8`, `2001:db8::/32`, or a single address (a /32 or /128).
 * @throws Error naming the value when it is not a network
 */
export function parseNetwork(value: string): Network {
  const [address = '', prefixText, extra] = value.split('/');
  const version = isIP(address);
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (version === 0 || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
    throw new Error(
      `'${value}' is not a network: expected CIDR such as 10.0.0.0/8 or 2001:db8::/32, or one IP address`,
    );
  }
  return { family: version === 4 ? 'ipv4' : 'ipv6', address, prefix };
}

/**
 * A set of networks that answers "is this address inside?". An empty list allows every address (the default:
 * Upshift does not guess which ranges a company's panels live in).
 */
export class NetworkList {
  private readonly list = new BlockList();
  readonly isOpen: boolean;

  constructor(readonly networks: readonly string[]) {
    this.isOpen = networks.length === 0;
    for (const n of networks) {
      const { family, address, prefix } = parseNetwork(n);
      this.list.addSubnet(address, prefix, family);
    }
  }

  /** True when `address` (an IPv4 or IPv6 literal) is in one of the networks, or the list is empty. */
  allows(address: string): boolean {
    if (this.isOpen) return true;
    const version = isIP(address);
    if (version === 0) return false;
    // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it carries.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return this.list.check(mapped[1], 'ipv4');
    return this.list.check(address, version === 4 ? 'ipv4' : 'ipv6');
  }
}
