import { AppError } from './appError.js';

/** Authenticated, but the role does not allow this. */
export class ForbiddenError extends AppError {
  constructor(message = 'Your role does not allow this action') {
    super('forbidden', message, { httpStatus: 403 });
  }
}
