import { BACKOFF, NEVER, type RetryAdvice, type Retryable } from '../domain/retry-advice.js';

/** A field-level problem reported with a 400. */
export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * Base of the errors a use case reports to its caller. The HTTP API maps `httpStatus` and renders
 * `{ error: { code, message, details? } }`; workers read `retry`: a refusal is the same on every attempt.
 */
export abstract class AppError extends Error implements Retryable {
  abstract readonly httpStatus: number;
  readonly retry: RetryAdvice = NEVER;

  constructor(
    readonly code: string,
    message: string,
    readonly details?: FieldIssue[],
  ) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Malformed input (400). `details` names each offending field. */
export class ValidationError extends AppError {
  readonly httpStatus = 400;
  constructor(message: string, details: FieldIssue[] = []) {
    super('invalid_input', message, details);
  }
}

/** The caller's role may not do this (403), e.g. a storefront token placing a staff order. */
export class ForbiddenError extends AppError {
  readonly httpStatus = 403;
  constructor(message: string) {
    super('forbidden', message);
  }
}

/** The addressed resource does not exist (404). */
export class NotFoundError extends AppError {
  readonly httpStatus = 404;
  constructor(resource: string, id: number | string) {
    super('not_found', `${resource} ${id} not found`);
  }
}

/** The request conflicts with the current state (409): an open upgrade, an unpaid renewal, already paid, … */
export class ConflictError extends AppError {
  readonly httpStatus = 409;
}

/** Well-formed input that a business rule refuses (422), e.g. a target the client may not choose. */
export class BusinessRuleError extends AppError {
  readonly httpStatus = 422;
}

/**
 * A conditional update matched no row: another process moved the record first. The caller's transaction is rolled
 * back; a job that hits this is tried again and finds the step already done.
 */
export class StaleStateError extends ConflictError {
  override readonly retry = BACKOFF;
  constructor(resource: string, id: number, expected: string) {
    super('stale_state', `${resource} ${id} is no longer ${expected}`);
  }
}

/**
 * A step ran before the step it depends on finished (e.g. the completion email of an upgrade whose panel change has
 * not succeeded yet). Retried: the job backs off and finds the state ready later, or fails for ops (and the healing
 * sweep re-drives it).
 */
export class StepNotReadyError extends Error implements Retryable {
  readonly retry = BACKOFF;
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
