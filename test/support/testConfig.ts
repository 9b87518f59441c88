import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../server/config.js';

/**
 * Configuration for a test: the run's Redis under a key prefix of its own,
 * a database of its own, quick sweeps, and short shutdown waits.
 */
export function createTestConfig(
  overrides: Record<string, string | undefined> = {},
): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    REDIS_URL: inject('redisUrl'),
    QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}`,
    OUTBOX_SWEEP_INTERVAL_MS: '250',
    REDIS_ADD_TIMEOUT_MS: '500',
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...overrides,
  });
}

/** A Redis URL where nothing listens, for runs without Redis. */
export const UNREACHABLE_REDIS_URL = 'redis://127.0.0.1:1';
