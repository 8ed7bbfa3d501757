import { expect } from 'chai';
import { UnrecoverableError } from 'bullmq';
import fc from 'fast-check';
import {
  PanelAuthError,
  PanelInputError,
  PanelLockedError,
  PanelNotFoundError,
  PanelOutcomeUnknownError,
  PanelPermissionError,
  PanelRejectedError,
  PanelServerBusyError,
  PanelTlsError,
  PanelTransientError,
} from '../../../src/panels/errors/index.js';
import { PANEL_BACKOFF_TYPE, PanelRetryPolicy, panelBackoffStrategy, panelRetryDecision, toBullmqError } from '../../../src/panels/panel-retry-policy.js';

describe('panel retry policy', () => {
  const permanent = [
    new PanelAuthError('bad token'),
    new PanelPermissionError('not your account'),
    new PanelNotFoundError('account', 'bob', 'no bob'),
    new PanelNotFoundError('package', 'gold', 'no gold'),
    new PanelRejectedError('limit reached'),
    new PanelTlsError('pin mismatch'),
    new PanelInputError('user: must not be empty'),
  ];

  it('never retries a permanent error, even on the first attempt', () => {
    for (const err of permanent) {
      expect(err.retryable, err.name).to.equal(false);
      expect(panelRetryDecision(err, 1), err.name).to.deep.equal({ retry: false, delayMs: 0 });
      expect(panelBackoffStrategy(1, PANEL_BACKOFF_TYPE, err), err.name).to.equal(-1);
    }
  });

  it('retries transient errors with equal jitter under an exponential ceiling, up to maxAttempts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attemptsMade, r) => {
        const policy = new PanelRetryPolicy({ baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 8, random: () => r });
        const decision = policy.decide(new PanelTransientError('reset'), attemptsMade);
        if (attemptsMade >= 8) return decision.retry === false;
        const ceiling = Math.min(60_000, 1000 * 2 ** (attemptsMade - 1));
        return decision.retry && decision.delayMs === Math.floor(ceiling / 2 + r * (ceiling / 2)) && decision.delayMs >= ceiling / 2 - 1 && decision.delayMs < ceiling;
      }),
    );
  });

  it('uses the defaults 1 s base, 60 s cap and 12 attempts', () => {
    const top = new PanelRetryPolicy({ random: () => 0.999999 });
    expect(top.decide(new PanelTransientError('x'), 1).delayMs).to.equal(999);
    expect(top.decide(new PanelTransientError('x'), 3).delayMs).to.equal(3999);
    expect(top.decide(new PanelTransientError('x'), 7).delayMs).to.equal(59_999);
    expect(top.decide(new PanelTransientError('x'), 11).delayMs).to.equal(59_999);
    expect(top.decide(new PanelTransientError('x'), 12).retry).to.equal(false);
    expect(top.jobOptions()).to.deep.equal({ attempts: 12, backoff: { type: 'panel' } });
  });

  it('waits at least 3 minutes in all before the last attempt, so a minute-long outage never makes a change final', () => {
    const low = new PanelRetryPolicy({ random: () => 0 });
    let waited = 0;
    for (let attemptsMade = 1; low.decide(new PanelTransientError('down'), attemptsMade).retry; attemptsMade++) {
      waited += low.decide(new PanelTransientError('down'), attemptsMade).delayMs;
    }
    expect(waited).to.equal(181_500);
  });

  it("honours an error's lower attempt cap", () => {
    const policy = new PanelRetryPolicy({ random: () => 0.5 });
    const capped = new PanelTransientError('unparseable reply', { maxAttempts: 3 });
    expect(policy.decide(capped, 2).retry).to.equal(true);
    expect(policy.decide(capped, 3).retry).to.equal(false);
  });

  it('retries an unknown write outcome like any transient error', () => {
    const policy = new PanelRetryPolicy({ random: () => 0.5 });
    const err = new PanelOutcomeUnknownError('timed out');
    expect(err.retryable).to.equal(true);
    expect(policy.decide(err, 1)).to.deep.equal({ retry: true, delayMs: 750 });
  });

  it('waits at least lockedMinDelayMs for a locked account', () => {
    const policy = new PanelRetryPolicy({ random: () => 0.1, lockedMinDelayMs: 30_000 });
    expect(policy.decide(new PanelLockedError('restore running'), 1)).to.deep.equal({ retry: true, delayMs: 30_000 });
  });

  it("waits the limiter's retryAfterMs for a full server, whatever the attempt count", () => {
    expect(panelRetryDecision(new PanelServerBusyError(4, 750), 99)).to.deep.equal({ retry: true, delayMs: 750 });
  });

  it('gives errors that are not panel errors a few attempts only, and none to UnrecoverableError', () => {
    const policy = new PanelRetryPolicy({ random: () => 0.5 });
    expect(policy.decide(new Error('redis hiccup'), 2).retry).to.equal(true);
    expect(policy.decide(new Error('redis hiccup'), 3).retry).to.equal(false);
    expect(policy.decide(new UnrecoverableError('stop'), 1).retry).to.equal(false);
  });

  it('rejects nonsense options, naming the field', () => {
    expect(() => new PanelRetryPolicy({ baseDelayMs: 0 })).to.throw(/baseDelayMs/);
    expect(() => new PanelRetryPolicy({ maxAttempts: Number.NaN })).to.throw(/maxAttempts/);
  });

  it('maps permanent panel errors to UnrecoverableError and keeps retryable ones as they are', () => {
    const mapped = toBullmqError(new PanelAuthError('cpanel server 1 accountsummary: HTTP 403'));
    expect(mapped).to.be.instanceOf(UnrecoverableError);
    expect(mapped.message).to.equal('PanelAuthError: cpanel server 1 accountsummary: HTTP 403');
    const transient = new PanelTransientError('reset');
    expect(toBullmqError(transient)).to.equal(transient);
    expect(toBullmqError('a string')).to.be.instanceOf(Error);
  });
});
