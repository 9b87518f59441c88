const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;

/** Used when a provider asks us to wait but does not say for how long. */
export const DEFAULT_RETRY_AFTER_MS = 60 * SECOND;

/** A provider cannot park a job for longer than a day with one answer. */
const MAX_RETRY_AFTER_MS = 24 * HOUR;

/**
 * The wait a `Retry-After` header asks for, in milliseconds. It may hold
 * seconds or an HTTP date; anything else, or no header, means the default.
 */
export function parseRetryAfterMs(
  header: string | null | undefined,
  now: Date = new Date(),
): number {
  const value = header?.trim();
  if (!value) return DEFAULT_RETRY_AFTER_MS;

  let waitMs: number;
  if (/^\d+(\.\d+)?$/.test(value)) {
    waitMs = Number(value) * SECOND;
  } else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return DEFAULT_RETRY_AFTER_MS;
    waitMs = at - now.getTime();
  }
  return Math.min(Math.max(Math.ceil(waitMs), SECOND), MAX_RETRY_AFTER_MS);
}
