import { AppError } from './app-error.js';

/** The request conflicts with the current state (409): an open upgrade, an unpaid renewal, already paid, … */
export class ConflictError extends AppError {
  readonly httpStatus = 409;
}
