import { AppError, type FieldIssue } from './app-error.js';

/** Malformed input (400). `details` names each offending field. */
export class ValidationError extends AppError {
  readonly httpStatus = 400;
  constructor(message: string, details: FieldIssue[] = []) {
    super('invalid_input', message, details);
  }
}
