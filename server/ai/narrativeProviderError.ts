import { AppError } from '../errors/appError.js';

/** Why a remote narrative could not be used. */
export type NarrativeFailureReason =
  'timeout' | 'rate_limited' | 'http_error' | 'invalid_response' | 'network';

/**
 * The narrative provider failed. It never fails a job: the briefing falls
 * back to the local narrative and records `reason`.
 */
export class NarrativeProviderError extends AppError {
  constructor(
    readonly reason: NarrativeFailureReason,
    message: string,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super('internal', message, {
      httpStatus: 502,
      retryable: true,
      cause: options.cause,
      details: { reason, status: options.status },
    });
  }
}
