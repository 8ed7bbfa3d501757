import { AppError } from './app-error.js';

/** The caller's role may not do this (403), e.g. a storefront token placing a staff order. */
export class ForbiddenError extends AppError {
  readonly httpStatus = 403;
  constructor(message: string) {
    super('forbidden', message);
  }
}
