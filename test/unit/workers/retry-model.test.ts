import { expect } from 'chai';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import fc from 'fast-check';
import { QueryFailedError } from 'typeorm';
import { z } from 'zod';
import {
  BusinessRuleError,
  ConflictError,
  NotFoundError,
  StaleStateError,
  StepNotReadyError,
  ValidationError,
} from '../../../src/app/errors.js';
import { ConfigError } from '../../../src/config/config-error.js';
import { retryAdviceOf } from '../../../src/domain/retry-advice.js';
import {
  EmailTemplateError,
  MailClaimHeldError,
  MailPermanentError,
  MailTemporaryError,
} from '../../../src/mail/mail-errors.js';
import {
  LOCKED_MIN_DELAY_MS,
  PanelAuthError,
  PanelBlacklistedError,
  PanelInputError,
  PanelLockedError,
  PanelNotFoundError,
  PanelOutcomeUnknownError,
  PanelPermissionError,
  PanelRejectedError,
  PanelServerBusyError,
  PanelTlsError,
  PanelTransientError,
} from '../../../src/panels/panel-errors.js';
import { jobOptions } from '../../../src/queues/job-options.js';
import { attemptBudget, backoffDelayMs, RETRY_POLICIES } from '../../../src/queues/retry-policies.js';
import { WebhookPermanentError, WebhookTemporaryError } from '../../../src/webhooks/webhook-errors.js';
import { backoffStrategy, failAttempt } from '../../../workers/bullmq-retry.js';

/** The part of a BullMQ job the mapping reads and calls. */
function fakeJob(attemptsMade: number, attempts: number) {
  const delayedTo: number[] = [];
  const job = {
    attemptsMade,
    opts: { attempts },
    moveToDelayed: async (ts: number) => {
      delayedTo.push(ts);
    },
  } as unknown as Job;
  return { job, delayedTo };
}

describe('one retry model: every error says how to retry it, workers/bullmq-retry.ts maps it to BullMQ', () => {
  it('every error family speaks the same advice', () => {
    const never = [
      new PanelAuthError('bad token'),
      new PanelBlacklistedError('ip banned'),
      new PanelPermissionError('not yours'),
      new PanelNotFoundError('account', 'bob', 'no bob'),
      new PanelRejectedError('limit'),
      new PanelTlsError('pin'),
      new PanelInputError('user'),
      new MailPermanentError('550'),
      new EmailTemplateError('missing', 'x', null),
      new WebhookPermanentError('400', 400),
      new ValidationError('bad'),
      new NotFoundError('upgrade', 1),
      new ConflictError('already_paid', 'paid'),
      new BusinessRuleError('target_not_allowed', 'no'),
      new ConfigError('MAIL_TRANSPORT', 'bad'),
    ];
    for (const err of never) expect(retryAdviceOf(err), err.name).to.deep.equal({ kind: 'never' });
    const backoff = [
      new PanelTransientError('reset'),
      new PanelOutcomeUnknownError('timed out'),
      new MailTemporaryError('451'),
      new WebhookTemporaryError('503', 503, null),
      new StaleStateError('upgrade', 1, 'queued'),
      new StepNotReadyError('not yet'),
    ];
    for (const err of backoff) expect(retryAdviceOf(err), err.name).to.deep.equal({ kind: 'backoff' });
    expect(retryAdviceOf(new PanelTransientError('unparseable', { maxAttempts: 3 }))).to.deep.equal({
      kind: 'backoff',
      maxAttempts: 3,
    });
    expect(retryAdviceOf(new PanelLockedError('restore running'))).to.deep.equal({
      kind: 'backoff',
      minDelayMs: LOCKED_MIN_DELAY_MS,
    });
    expect(retryAdviceOf(new WebhookTemporaryError('429', 429, null, 45_000))).to.deep.equal({
      kind: 'backoff',
      minDelayMs: 45_000,
    });
    expect(retryAdviceOf(new PanelServerBusyError(4, 750))).to.deep.equal({ kind: 'later', delayMs: 750 });
    expect(retryAdviceOf(new MailClaimHeldError('email:x:1'))).to.deep.equal({ kind: 'later', delayMs: 5000 });
    expect(retryAdviceOf(new Error('redis hiccup'))).to.equal(undefined);
  });

  it('job options take their attempts from the one policy table', () => {
    for (const [queue, policy] of Object.entries(RETRY_POLICIES))
      expect(jobOptions[queue as keyof typeof jobOptions].attempts, queue).to.equal(policy.attempts);
    expect(RETRY_POLICIES.provisioning.attempts).to.equal(12);
  });

  it('delays grow exponentially with jitter under the cap: [c × (1 − jitter), c)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(RETRY_POLICIES)),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (policy, made, r) => {
          const c = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (made - 1));
          const d = backoffDelayMs(policy, made, undefined, () => r);
          return d >= Math.floor(c * (1 - policy.jitter)) && d <= c;
        },
      ),
    );
  });

  it('waits at least 3 minutes in all before the last provisioning attempt, so a minute-long outage never makes a change final', () => {
    let waited = 0;
    for (let made = 1; made < RETRY_POLICIES.provisioning.attempts; made++)
      waited += backoffDelayMs(RETRY_POLICIES.provisioning, made, undefined, () => 0);
    expect(waited).to.equal(181_500);
  });

  it("webhooks wait about 3.4 hours over their 12 attempts, never less than the endpoint's Retry-After (capped at an hour)", () => {
    let top = 0;
    for (let made = 1; made < RETRY_POLICIES.webhooks.attempts; made++)
      top += backoffDelayMs(RETRY_POLICIES.webhooks, made, undefined, () => 0.999999);
    expect(Math.round(top / 60_000)).to.equal(205);
    expect(backoffDelayMs(RETRY_POLICIES.webhooks, 1, { kind: 'backoff', minDelayMs: 45_000 }, () => 0)).to.equal(
      45_000,
    );
    expect(backoffDelayMs(RETRY_POLICIES.webhooks, 1, { kind: 'backoff', minDelayMs: 86_400_000 }, () => 0)).to.equal(
      3_600_000,
    );
  });

  it('a locked panel account waits at least 30 s', () => {
    expect(
      backoffDelayMs(RETRY_POLICIES.provisioning, 1, retryAdviceOf(new PanelLockedError('backup')), () => 0.1),
    ).to.equal(30_000);
  });

  it("attempt budgets: the queue's, lowered by the error or for failures without advice", () => {
    expect(attemptBudget(RETRY_POLICIES.provisioning, { kind: 'backoff' })).to.equal(12);
    expect(attemptBudget(RETRY_POLICIES.provisioning, { kind: 'backoff', maxAttempts: 3 })).to.equal(3);
    expect(attemptBudget(RETRY_POLICIES.provisioning, undefined)).to.equal(3);
    expect(attemptBudget(RETRY_POLICIES['invoice-paid'], undefined)).to.equal(8);
  });

  it('maps never to UnrecoverableError (final), later to DelayedError (no attempt used), backoff to itself until the budget ends', async () => {
    const policy = RETRY_POLICIES.provisioning;
    const auth = await failAttempt(
      new PanelAuthError('cpanel server 1 accountsummary: HTTP 403'),
      fakeJob(0, 12).job,
      't',
      policy,
    );
    expect(auth.error).to.be.instanceOf(UnrecoverableError);
    expect([auth.error.message, auth.final]).to.deep.equal([
      'PanelAuthError: cpanel server 1 accountsummary: HTTP 403',
      true,
    ]);

    const { job, delayedTo } = fakeJob(5, 12);
    const before = Date.now();
    const busy = await failAttempt(new PanelServerBusyError(4, 750), job, 't', policy);
    expect(busy.error).to.be.instanceOf(DelayedError);
    expect(busy.final).to.equal(false);
    expect(delayedTo[0]).to.be.at.least(before + 750);

    const transient = new PanelTransientError('reset');
    expect(await failAttempt(transient, fakeJob(0, 12).job, 't', policy)).to.deep.equal({
      error: transient,
      final: false,
    });
    expect(await failAttempt(transient, fakeJob(11, 12).job, 't', policy)).to.deep.equal({
      error: transient,
      final: true,
    }); // the 12th attempt

    const capped = new PanelTransientError('unparseable', { maxAttempts: 3 });
    expect((await failAttempt(capped, fakeJob(1, 12).job, 't', policy)).final).to.equal(false);
    const third = await failAttempt(capped, fakeJob(2, 12).job, 't', policy);
    expect([third.error instanceof UnrecoverableError, third.final]).to.deep.equal([true, true]);

    const unknown = await failAttempt(new Error('redis hiccup'), fakeJob(2, 12).job, 't', policy);
    expect([unknown.error instanceof UnrecoverableError, unknown.final]).to.deep.equal([true, true]); // 3 attempts without advice
    // A database connection lost mid-statement (KILL, restart, failover) is an outage, not a bug: the whole budget.
    const lost = Object.assign(new Error('Connection lost: The server closed the connection.'), {
      code: 'PROTOCOL_CONNECTION_LOST',
      fatal: true,
    });
    const wrapped = new QueryFailedError('SELECT 1', [], lost);
    expect((await failAttempt(wrapped, fakeJob(2, 12).job, 't', policy)).final).to.equal(false);
    expect((await failAttempt(wrapped, fakeJob(11, 12).job, 't', policy)).final).to.equal(true);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
    expect((await failAttempt(refused, fakeJob(5, 12).job, 't', policy)).final).to.equal(false);
    const duplicate = new QueryFailedError(
      'INSERT',
      [],
      Object.assign(new Error('dup'), { code: 'ER_DUP_ENTRY', errno: 1062 }),
    );
    expect((await failAttempt(duplicate, fakeJob(2, 12).job, 't', policy)).final).to.equal(true); // still unadvised: 3
    const zod = await failAttempt(
      z.object({ a: z.number() }).safeParse({}).error,
      fakeJob(0, 8).job,
      't',
      RETRY_POLICIES['invoice-paid'],
    );
    expect([zod.error instanceof UnrecoverableError, zod.final]).to.deep.equal([true, true]);
  });

  it('the backoff strategy fails a never-advised error at once and otherwise follows the policy', () => {
    const strategy = backoffStrategy(RETRY_POLICIES.provisioning, () => 0.5);
    expect(strategy(1, 'upshift', new PanelAuthError('x'))).to.equal(-1);
    expect(strategy(1, 'upshift', new PanelOutcomeUnknownError('timed out'))).to.equal(750);
    expect(strategy(3, 'panel', new PanelTransientError('x'))).to.equal(3000); // a job from before the one model (type 'panel')
  });
});
