import { randomUUID } from 'node:crypto';
import { loadConfig, type Config } from '../server/config.js';

/**
 * The server's own configuration, as production reads it, on the bench's
 * services: loopback only, a key prefix of its own per run.
 */
export function createBenchConfig(
  overrides: Record<string, string | undefined>,
): Config {
  return loadConfig({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    QUEUE_PREFIX: `bench-${randomUUID().slice(0, 8)}`,
    SHUTDOWN_TIMEOUT_MS: '3000',
    ...overrides,
  });
}
