import { AppError } from './appError.js';

/**
 * A provider asked us to slow down. The job goes back to waiting for
 * `retryAfterMs` without spending one of its attempts.
 */
export class RetryLaterError extends AppError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
    details: Record<string, unknown> = {},
  ) {
    super('store_unavailable', message, {
      httpStatus: 503,
      retryable: true,
      details: { ...details, retryAfterMs },
    });
  }
}
