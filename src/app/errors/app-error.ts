/** A field-level problem reported with a 400. */
export interface FieldIssue { field: string; message: string }

/**
 * Base of the errors a use case reports to its caller. The HTTP API maps `httpStatus` and renders
 * `{ error: { code, message, details? } }`; workers map them to "do not retry".
 */
export abstract class AppError extends Error {
  abstract readonly httpStatus: number;
  constructor(readonly code: string, message: string, readonly details?: FieldIssue[]) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
