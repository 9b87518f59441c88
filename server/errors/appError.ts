/** Every error the platform raises on purpose has one of these codes. */
export type AppErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unsupported_media_type'
  | 'store_unavailable'
  | 'browser_unavailable'
  | 'email_rejected'
  | 'internal';

export interface AppErrorOptions {
  httpStatus: number;
  retryable?: boolean;
  cause?: unknown;
  details?: Record<string, unknown>;
}

/**
 * Base of the platform's errors. Context travels in `details` and `cause`;
 * the message is written once and never edited afterwards.
 */
export class AppError extends Error {
  readonly httpStatus: number;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    options: AppErrorOptions,
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.httpStatus = options.httpStatus;
    this.retryable = options.retryable ?? false;
    this.details = options.details ?? {};
  }
}

/** Turns anything thrown into an Error, once, keeping the original as cause. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(String(thrown), { cause: thrown });
}
