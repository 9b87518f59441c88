import { UNREACHABLE_REDIS_URL } from './testConfig.js';

/**
 * The two stores a job suite runs against: Redis (the run's redis-server),
 * and PostgreSQL alone (Redis pointed at a port where nothing listens).
 */
export const TEST_STORES = [
  { store: 'redis', env: {} },
  { store: 'postgres', env: { REDIS_URL: UNREACHABLE_REDIS_URL } },
] as const;
