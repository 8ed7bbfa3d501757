import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { BearerTokenVerifier } from '../../../src/api/auth/bearer-token-verifier.js';

describe('BearerTokenVerifier', () => {
  const a = 'token-aaaaaaaaaaaaaaaa';
  const b = 'token-bbbbbbbbbbbbbbbb';
  const idOf = (t: string) => createHash('sha256').update(t).digest('hex').slice(0, 16);

  it('returns the token id of whichever configured token matches', () => {
    const v = new BearerTokenVerifier([a, b]);
    expect(v.verify(`Bearer ${a}`)).to.equal(idOf(a));
    expect(v.verify(`bearer ${b}`)).to.equal(idOf(b));
  });

  it('refuses missing, malformed, partial and extended tokens', () => {
    const v = new BearerTokenVerifier([a]);
    for (const h of [undefined, '', 'Bearer', 'Bearer ', a, `Basic ${a}`, `Bearer ${a.slice(1)}`, `Bearer ${a}a`, `Bearer ${a} extra`]) {
      expect(v.verify(h), String(h)).to.equal(null);
    }
  });

  it('refuses everything when no token is configured (even an empty one)', () => {
    const v = new BearerTokenVerifier([]);
    expect(v.verify('Bearer ')).to.equal(null);
    expect(v.verify(`Bearer ${a}`)).to.equal(null);
  });
});
