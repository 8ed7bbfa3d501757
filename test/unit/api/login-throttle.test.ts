import { expect } from 'chai';
import { LoginThrottle } from '../../../src/api/dashboard/login-throttle.js';

describe('LoginThrottle (dashboard credentials)', () => {
  it('lets a few failures through at full speed, then doubles the wait up to the cap; a success resets it', () => {
    let now = 0;
    const t = new LoginThrottle({ freeFailures: 3, baseDelayMs: 500, maxDelayMs: 4000, now: () => now });
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      delays.push(t.delayFor('198.51.100.7'));
      t.failed('198.51.100.7');
    }
    expect(delays).to.deep.equal([0, 0, 0, 500, 1000, 2000, 4000, 4000]);
    expect(t.delayFor('198.51.100.8')).to.equal(0); // per address
    t.succeeded('198.51.100.7');
    expect(t.delayFor('198.51.100.7')).to.equal(0);
    for (let i = 0; i < 5; i++) t.failed('203.0.113.1');
    now += 900_001;
    expect(t.delayFor('203.0.113.1')).to.equal(0); // forgotten after 15 quiet minutes
  });

  it('remembers at most maxTracked addresses, dropping the oldest', () => {
    const t = new LoginThrottle({ freeFailures: 0, maxTracked: 2 });
    t.failed('a');
    t.failed('b');
    t.failed('c');
    expect([t.delayFor('a'), t.delayFor('b') > 0, t.delayFor('c') > 0]).to.deep.equal([0, true, true]);
  });
});
