import { AppError } from './appError.js';

/** No credentials, or credentials that match no live token. */
export class UnauthenticatedError extends AppError {
  constructor(
    message = 'Send a valid token as "Authorization: Bearer <token>"',
  ) {
    super('unauthenticated', message, { httpStatus: 401 });
  }
}
