import { expect } from 'chai';
import { NetworkList } from '../../../src/config/network-list.js';

describe('NetworkList (PANEL_ALLOWED_NETWORKS)', () => {
  it('allows any address when empty', () => {
    const open = new NetworkList([]);
    expect(open.isOpen).to.equal(true);
    expect(open.allows('127.0.0.1')).to.equal(true);
  });

  it('allows addresses inside a network and nothing else, IPv4-mapped IPv6 judged as IPv4', () => {
    const list = new NetworkList(['10.20.0.0/16', '192.0.2.7', '2001:db8::/32']);
    expect(
      ['10.20.0.1', '10.20.255.254', '192.0.2.7', '2001:db8::1', '::ffff:10.20.3.4'].map((a) => list.allows(a)),
    ).to.deep.equal([true, true, true, true, true]);
    expect(
      ['10.21.0.1', '192.0.2.8', '127.0.0.1', '::1', '2001:db9::1', '::ffff:127.0.0.1', 'not-an-ip'].map((a) =>
        list.allows(a),
      ),
    ).to.deep.equal([false, false, false, false, false, false, false]);
  });
});
