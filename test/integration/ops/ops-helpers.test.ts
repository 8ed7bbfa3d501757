import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { basicAuthUser } from '../../../src/api/dashboard/dashboard-audit.js';
import { redactJobData, redactReturnValue } from '../../../src/api/dashboard/redact-job-data.js';
import { formatDuration, parseDuration, queueOfJob } from '../../../src/app/ops/index.js';
import { ValidationError } from '../../../src/app/errors.js';
import { jobOutcome } from '../../../src/observability/job-outcome.js';
import { ProgressReporter } from '../../../src/observability/progress-reporter.js';

// The pure pieces of the ops features (their integration tests sit beside this file).
describe('ops helpers: durations, job queues, redaction, outcomes, progress lines', () => {
  it('parses ages and refuses anything else, naming the flag', () => {
    expect([
      parseDuration('30s', 'f'),
      parseDuration('10m', 'f'),
      parseDuration('2h', 'f'),
      parseDuration('3d', 'f'),
      parseDuration('1w', 'f'),
    ]).to.deep.equal([30_000, 600_000, 7_200_000, 259_200_000, 604_800_000]);
    for (const bad of ['', '10', 'm', '1.5h', '-1d', '2 days', '10M']) {
      expect(() => parseDuration(bad, '--older-than'), bad).to.throw(
        ValidationError,
        /^--older-than: expected a duration/,
      );
    }
    expect([
      formatDuration(450),
      formatDuration(40_000),
      formatDuration(3_723_000),
      formatDuration(273_600_000),
    ]).to.deep.equal(['450ms', '40s', '1h 2m', '3d 4h']);
  });

  it("finds a job's queue from its id, replays included", () => {
    expect(
      [
        'order-7',
        'paid-3',
        'provision-7-replay-2',
        'change-package-4-abc',
        'email-7-upgrade-completed',
        'webhook-9',
        'sweep-stuck',
      ].map((id) => queueOfJob(id)),
    ).to.deep.equal([
      'upgrade-orders',
      'invoice-paid',
      'provisioning',
      'provisioning',
      'email',
      'webhooks',
      'scheduler',
    ]);
    expect(queueOfJob('custom', 'email')).to.equal('email');
    expect(() => queueOfJob('custom')).to.throw(ValidationError, /give --queue/);
  });

  it('shows only id fields of job data and hides secret-named fields of return values', () => {
    expect(redactJobData({ upgradeId: 5, template: 'upgrade-completed' })).to.deep.equal({
      upgradeId: 5,
      template: 'upgrade-completed',
    });
    expect(redactJobData({ upgradeId: 5, template: 'upgrade-healed', state: 'invoiced' })).to.deep.equal({
      upgradeId: 5,
      template: 'upgrade-healed',
      state: 'invoiced',
    });
    expect(redactJobData({ upgradeId: 'x y', token: 'abc', serviceId: { nested: 1 } })).to.deep.equal({
      upgradeId: '[redacted]',
      token: '[redacted]',
      serviceId: '[redacted]',
    });
    expect(redactJobData('a string')).to.equal('[redacted]');
    expect(redactJobData(null)).to.equal(null);
    expect(redactReturnValue({ changed: true, auth: { apiKey: 'k', list: [{ password: 'p', ok: 1 }] } })).to.deep.equal(
      { changed: true, auth: { apiKey: '[redacted]', list: [{ password: '[redacted]', ok: 1 }] } },
    );
  });

  it('reads the dashboard user from a Basic header', () => {
    expect(basicAuthUser(`Basic ${Buffer.from('ops:pa:ss').toString('base64')}`)).to.equal('ops');
    expect(basicAuthUser(undefined)).to.equal('unknown');
    expect(basicAuthUser('Bearer x')).to.equal('unknown');
  });

  it('labels job attempts by how BullMQ will treat them', () => {
    const err = (name: string) => Object.assign(new Error('x'), { name });
    expect(jobOutcome(err('DelayedError'), { attemptsMade: 0, opts: { attempts: 8 } })).to.equal('delayed');
    expect(jobOutcome(err('UnrecoverableError'), { attemptsMade: 0, opts: { attempts: 8 } })).to.equal('failed');
    expect(jobOutcome(err('Error'), { attemptsMade: 6, opts: { attempts: 8 } })).to.equal('retried');
    expect(jobOutcome(err('Error'), { attemptsMade: 7, opts: { attempts: 8 } })).to.equal('failed');
  });

  it('writes plain progress lines at each tenth when the stream is not a terminal', () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (d) => {
      text += String(d);
    });
    const progress = new ProgressReporter({ stream: stream as unknown as NodeJS.WriteStream, tty: false });
    progress.start(20, 'retry');
    for (let i = 0; i < 20; i++) progress.advance();
    progress.note('waiting');
    progress.stop();
    const lines = text.trim().split('\n');
    expect(lines[0]).to.equal('retry: 0/20');
    expect(lines).to.include.members([
      'retry: 2/20',
      'retry: 10/20',
      'retry: 18/20',
      'retry: waiting',
      'retry: 20/20 done',
    ]);
    expect(lines).to.have.length(12);
  });
});
