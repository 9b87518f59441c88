import type { Resend } from 'resend';
import { AppError } from '../../errors/appError.js';
import { RetryLaterError } from '../../errors/retryLaterError.js';
import { parseRetryAfterMs } from './parseRetryAfterMs.js';

/** An error answer of the Resend SDK, as `emails.send` returns it. */
export type ResendErrorAnswer = NonNullable<
  Awaited<ReturnType<Resend['emails']['send']>>['error']
>;

/** Response headers as the SDK returns them: lower-case names. */
export type ResendHeaders = Record<string, string> | null;

// Used only when an error body carries no status code. The SDK reports a
// failed connection or a timeout as `application_error` without a status,
// which must stay transient, so that name is deliberately missing here.
const STATUS_BY_NAME: Readonly<Record<string, number>> = {
  validation_error: 422,
  missing_required_field: 422,
  invalid_parameter: 422,
  invalid_attachment: 422,
  invalid_from_address: 422,
  invalid_region: 422,
  invalid_idempotency_key: 400,
  invalid_idempotent_request: 409,
  concurrent_idempotent_requests: 409,
  missing_api_key: 401,
  restricted_api_key: 401,
  invalid_api_key: 403,
  invalid_access: 403,
  not_found: 404,
  method_not_allowed: 405,
  rate_limit_exceeded: 429,
  daily_quota_exceeded: 429,
  monthly_quota_exceeded: 429,
  internal_server_error: 500,
};

/**
 * Turns Resend's error answer into the error the job should fail with:
 * 429 waits for Retry-After, other 4xx end the job with the provider's
 * reason, anything else (5xx, network, timeout) is retried with backoff.
 */
export function mapResendError(
  answer: ResendErrorAnswer,
  headers: ResendHeaders,
): AppError {
  const statusCode = answer.statusCode ?? STATUS_BY_NAME[answer.name] ?? null;
  const reason = redactAddresses(answer.message);
  const details = {
    provider: 'resend',
    providerCode: answer.name,
    statusCode,
    reason,
  };

  if (statusCode === 429) {
    return new RetryLaterError(
      'Resend limited our sending; the email goes out after Retry-After',
      parseRetryAfterMs(headers?.['retry-after']),
      details,
    );
  }
  if (isPermanent(statusCode, answer.name)) {
    return new AppError(
      'email_rejected',
      `Resend rejected the email: ${reason}`,
      { httpStatus: 422, retryable: false, details },
    );
  }
  return new AppError(
    'internal',
    'Resend could not take the email now; the job will retry',
    { httpStatus: 502, retryable: true, details },
  );
}

function isPermanent(statusCode: number | null, name: string): boolean {
  if (statusCode === null || statusCode < 400 || statusCode >= 500) {
    return false;
  }
  // Another attempt of this very job holds the idempotency key right now;
  // once it finishes, a retry gets its answer instead of a second email.
  return name !== 'concurrent_idempotent_requests';
}

// Some of Resend's reasons quote the recipient; the reason ends up in job
// failure logs, where addresses must never appear.
function redactAddresses(text: string): string {
  return text.replace(/[^\s<>()"',;:@]+@[^\s<>()"',;:@]+/g, '[address]');
}
