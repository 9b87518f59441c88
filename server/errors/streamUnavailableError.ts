import { AppError } from './appError.js';

/** This process serves no live notification streams (no listener runs). */
export class StreamUnavailableError extends AppError {
  constructor() {
    super(
      'store_unavailable',
      'Live notifications are not served by this process; ' +
        'read GET /api/notifications instead',
      { httpStatus: 503, retryable: true },
    );
  }
}
