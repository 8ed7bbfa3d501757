import { AppError, type FieldIssue } from './app-error.js';

/** Well-formed input that a business rule refuses (422), e.g. a target the client may not choose. */
export class BusinessRuleError extends AppError {
  readonly httpStatus = 422;
  constructor(code: string, message: string, details?: FieldIssue[]) {
    super(code, message, details);
  }
}
