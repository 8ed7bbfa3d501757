export { AppError, type FieldIssue } from './app-error.js';
export { BusinessRuleError } from './business-rule-error.js';
export { ConflictError } from './conflict-error.js';
export { ForbiddenError } from './forbidden-error.js';
export { NotFoundError } from './not-found-error.js';
export { StaleStateError } from './stale-state-error.js';
export { StepNotReadyError } from './step-not-ready-error.js';
export { ValidationError } from './validation-error.js';
