import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { createProducerConnection } from '../queue/stores/redisConnection.js';

/**
 * The rate limiters' own Redis connection: it fails fast (no offline queue),
 * so a Redis outage costs a request nothing; the limiters then count in
 * memory. Password and TLS come from the same settings as the job store.
 */
export function createRateLimitConnection(redis: Config['redis']): Redis {
  const connection = createProducerConnection(redis);
  // Outages are expected and handled by the store's fallback.
  connection.on('error', () => undefined);
  return connection;
}
