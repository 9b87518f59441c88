import type { ChaosScale } from './chaosScenario.js';

const SECOND = 1000;

/**
 * `npm run chaos`: the faults as the issue states them. The load is small
 * because every order makes a PDF and the pdfs queue starts at most 20 per
 * minute per store: a larger load measures the rate limit, not the faults.
 */
export const FULL_SCALE: ChaosScale = {
  name: 'full',
  load: { ratePerSecond: 1.5, durationMs: 12 * SECOND },
  redisDownMs: 10 * SECOND,
  postgresDownMs: 3 * SECOND,
  providerErrorMs: 30 * SECOND,
  providerRateLimitMs: 5 * SECOND,
  retryAfterSeconds: 2,
  drainTimeoutMs: 150 * SECOND,
};

/** `npm test`: the same faults, seconds long, with short job locks. */
export const SHORT_SCALE: ChaosScale = {
  name: 'short',
  load: { ratePerSecond: 3, durationMs: 3 * SECOND },
  redisDownMs: 2 * SECOND,
  postgresDownMs: SECOND,
  providerErrorMs: 2 * SECOND,
  providerRateLimitMs: 2 * SECOND,
  retryAfterSeconds: 1,
  drainTimeoutMs: 60 * SECOND,
  lockDurationMs: 2 * SECOND,
};
