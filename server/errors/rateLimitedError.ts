import { AppError } from './appError.js';

/** The caller sent more requests than its limit allows; 429. */
export class RateLimitedError extends AppError {
  constructor(
    readonly scope: string,
    readonly limitPerMinute: number,
    readonly retryAfterSeconds: number,
  ) {
    super(
      'rate_limited',
      `Too many requests from this ${scope}: at most ${limitPerMinute} ` +
        `per minute. Try again in ${retryAfterSeconds} s.`,
      {
        httpStatus: 429,
        retryable: true,
        details: { scope, limitPerMinute, retryAfterSeconds },
      },
    );
  }
}
