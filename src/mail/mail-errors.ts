import { BACKOFF, NEVER, type RetryAdvice, type Retryable } from '../domain/retry-advice.js';

/** Base of the ways a send can fail; the subclass says whether and when retrying can help (its `retry`). */
export abstract class MailSendError extends Error implements Retryable {
  abstract readonly retry: RetryAdvice;

  constructor(
    message: string,
    /** Nodemailer's error code (`EENVELOPE`, `ECONNECTION`, `EAUTH`, …) or a Node errno code; null if none. */
    readonly code: string | null = null,
    /** The SMTP reply code (e.g. 451, 550) when the server answered; null otherwise. */
    readonly responseCode: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * A send failed in a way that retrying the same message cannot fix: an SMTP 5xx reply (unknown mailbox, message
 * refused), rejected credentials, an invalid envelope. The job fails at once, into the failed set for ops.
 */
export class MailPermanentError extends MailSendError {
  readonly retry = NEVER;
}

/**
 * A send failed in a way that may succeed later: an SMTP 4xx reply, a dropped or refused connection, a timeout, a
 * full outbox disk. Retried with the email queue's backoff.
 */
export class MailTemporaryError extends MailSendError {
  readonly retry = BACKOFF;
}

/** How long a job waits before looking again at an email another sender holds. */
export const CLAIM_RECHECK_MS = 5_000;

/**
 * Another sender holds the email's send-once claim. Not a failure: the job looks again in {@link CLAIM_RECHECK_MS}
 * without using an attempt — either that send finishes (the email is then sent) or its sender died and the claim goes
 * stale (this job takes it over). Counting those waits as attempts let a job run out of attempts before a dead
 * sender's claim went stale, leaving the upgrade `provisioned` for good.
 */
export class MailClaimHeldError extends Error implements Retryable {
  readonly retry: RetryAdvice = { kind: 'later', delayMs: CLAIM_RECHECK_MS };

  constructor(readonly key: string) {
    super(`email '${key}' is being sent by another worker; trying again in ${CLAIM_RECHECK_MS} ms`);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * An email template could not be rendered: unknown template, a file missing from its folder, a syntax error, or (most
 * often) a variable the template uses that the caller did not pass. The message names the template, the part
 * (`subject.hbs`, `html.hbs`, `text.hbs`, a layout or partial) and, when known, the variable. Never retried: the same
 * template fails the same way.
 */
export class EmailTemplateError extends Error implements Retryable {
  readonly retry = NEVER;

  constructor(
    message: string,
    /** Template name, e.g. `upgrade-completed`. */
    readonly template: string,
    /** The file being rendered when it failed, e.g. `html.hbs`; null when the template folder itself is the problem. */
    readonly part: string | null,
    /** The missing variable, when that is the cause; null otherwise. */
    readonly variable: string | null = null,
  ) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
