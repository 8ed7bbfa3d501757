import { AppError } from './app-error.js';

/** The addressed resource does not exist (404). */
export class NotFoundError extends AppError {
  readonly httpStatus = 404;
  constructor(resource: string, id: number | string) {
    super('not_found', `${resource} ${id} not found`);
  }
}
