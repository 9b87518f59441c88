import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_AFTER_MS,
  parseRetryAfterMs,
} from '../../server/email/transports/parseRetryAfterMs.js';

describe('parseRetryAfterMs', () => {
  it('reads seconds when the header holds a number', () => {
    expect(parseRetryAfterMs('30')).toBe(30_000);
  });

  it('measures up to the instant when the header holds an HTTP date', () => {
    const now = new Date('2025-07-01T10:00:00Z');
    expect(parseRetryAfterMs('Tue, 01 Jul 2025 10:00:45 GMT', now)).toBe(
      45_000,
    );
  });

  it('uses the 60 s default when the header is missing or unreadable', () => {
    expect(parseRetryAfterMs(undefined)).toBe(DEFAULT_RETRY_AFTER_MS);
    expect(parseRetryAfterMs('soon')).toBe(DEFAULT_RETRY_AFTER_MS);
    expect(DEFAULT_RETRY_AFTER_MS).toBe(60_000);
  });

  it('waits at least one second when the header says zero', () => {
    expect(parseRetryAfterMs('0')).toBe(1000);
  });
});
