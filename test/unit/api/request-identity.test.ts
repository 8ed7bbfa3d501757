import { expect } from 'chai';
import { canonicalJson } from '../../../src/api/idempotency/canonical-json.js';
import { idempotencyRequestHash, idempotencyScope } from '../../../src/api/idempotency/idempotency-hooks.js';
import { fieldPath } from '../../../src/api/validation/zod-issues.js';

describe('request identity for Idempotency-Key', () => {
  it('canonical JSON sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, u: undefined })).to.equal(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson(undefined)).to.equal('null');
  });

  it('hashes equal bodies in any key order alike, and distinguishes params', () => {
    expect(idempotencyRequestHash({ a: 1, b: 2 }, { id: '1' })).to.equal(
      idempotencyRequestHash({ b: 2, a: 1 }, { id: '1' }),
    );
    expect(idempotencyRequestHash({ a: 1 }, { id: '1' })).not.to.equal(idempotencyRequestHash({ a: 1 }, { id: '2' }));
    expect(idempotencyRequestHash({ a: [1, 2] }, {})).not.to.equal(idempotencyRequestHash({ a: [2, 1] }, {}));
  });

  it('scopes by token, method and route pattern, within the 120-character column', () => {
    expect(idempotencyScope('0123456789abcdef', 'POST', '/v1/services/:id/upgrades')).to.equal(
      '0123456789abcdef:POST /v1/services/:id/upgrades',
    );
    const long = idempotencyScope('0123456789abcdef', 'POST', `/v1/${'x'.repeat(200)}`);
    expect(long).to.match(/^0123456789abcdef:[0-9a-f]{64}$/);
  });
});

describe('field paths', () => {
  it('renders zod paths in dotted/bracket form', () => {
    expect(fieldPath(['options', 0, 'qty'], 'body')).to.equal('options[0].qty');
    expect(fieldPath(['pricing', 'USD', 'monthly'], 'body')).to.equal('pricing.USD.monthly');
    expect(fieldPath([], 'body')).to.equal('body');
  });
});
