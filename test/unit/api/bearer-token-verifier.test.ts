import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { BearerTokenVerifier } from '../../../src/api/auth/bearer-token-verifier.js';

describe('BearerTokenVerifier', () => {
  const a = 'token-aaaaaaaaaaaaaaaa';
  const b = 'token-bbbbbbbbbbbbbbbb';
  const idOf = (t: string) => createHash('sha256').update(t).digest('hex').slice(0, 16);

  it('returns the token id and role of whichever configured token matches; a bare token is staff', () => {
    const v = new BearerTokenVerifier([a, `storefront:${b}`]);
    expect(v.verify(`Bearer ${a}`)).to.deep.equal({ tokenId: idOf(a), role: 'staff' });
    expect(v.verify(`bearer ${b}`)).to.deep.equal({ tokenId: idOf(b), role: 'storefront' });
  });

  it('reads every role and never accepts the role prefix as part of the token', () => {
    const v = new BearerTokenVerifier([`gateway:${a}`, `staff:${b}`]);
    expect(v.verify(`Bearer ${a}`)?.role).to.equal('gateway');
    expect(v.verify(`Bearer ${b}`)?.role).to.equal('staff');
    expect(v.verify(`Bearer gateway:${a}`)).to.equal(null);
  });

  it('refuses to start with an unknown role or a short token, without echoing the token', () => {
    expect(() => new BearerTokenVerifier([`storefornt:${a}`])).to.throw(
      /role 'storefornt'.*staff, storefront, gateway/,
    );
    const err = (() => {
      try {
        new BearerTokenVerifier(['gateway:short-secret']);
        return null;
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.message)
      .to.match(/at least 16 characters/)
      .and.not.to.include('short-secret');
  });

  it('refuses missing, malformed, partial and extended tokens', () => {
    const v = new BearerTokenVerifier([a]);
    for (const h of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      a,
      `Basic ${a}`,
      `Bearer ${a.slice(1)}`,
      `Bearer ${a}a`,
      `Bearer ${a} extra`,
    ]) {
      expect(v.verify(h), String(h)).to.equal(null);
    }
  });

  it('refuses everything when no token is configured (even an empty one)', () => {
    const v = new BearerTokenVerifier([]);
    expect(v.verify('Bearer ')).to.equal(null);
    expect(v.verify(`Bearer ${a}`)).to.equal(null);
  });
});
